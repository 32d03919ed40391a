package dev.pfsync.connector;

import dev.pfsync.connector.cli.Cli;
import dev.pfsync.connector.cli.GracefulStop;
import java.time.Clock;

/** Entry point of {@code connector.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    GracefulStop stop = GracefulStop.onJvmShutdown();
    int code = new Cli(System.getenv(), Clock.systemUTC(), System.out, System.err, stop).run(args);
    stop.finished();
    if (stop.requested()) {
      // A signal is shutting the JVM down; it exits with the signal's code once hooks finish.
      return;
    }
    System.exit(code);
  }
}
