package dev.pfsync.connector;

import dev.pfsync.connector.cli.Cli;
import dev.pfsync.connector.cli.GracefulStop;
import java.time.Clock;
import java.time.Duration;

/** Entry point of {@code connector.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    GracefulStop stop = GracefulStop.onJvmShutdown();
    // Millisecond ticks: cursors and query parameters need no nanoseconds (the API has seconds).
    Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    int code = new Cli(System.getenv(), clock, System.out, System.err, stop).run(args);
    stop.finished();
    if (stop.requested()) {
      // A signal is shutting the JVM down; it exits with the signal's code once hooks finish.
      return;
    }
    System.exit(code);
  }
}
