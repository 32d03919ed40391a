package dev.pfsync.mockapi;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Command-line entry point: {@code java -jar mock-api.jar [--host H] [--port P] [--users N]
 * [--history-days D] [--seed S] [--now ISO | --clock-offset DURATION] [--burst B] [--token T]
 * [--admin]}. Prints one ready line on stdout; bad flags print one line on stderr and exit 2;
 * SIGTERM stops it cleanly.
 */
public final class MockApi {
  private MockApi() {}

  public static void main(String[] args) throws InterruptedException {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "mock-api-logback.xml");
    }
    Launch launch = launch(args, System.out, System.err);
    if (launch.server().isEmpty()) {
      System.exit(launch.exitCode());
      return;
    }
    MockApiServer server = launch.server().get();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "mock-api-shutdown"));
    stopped.await();
  }

  /** The outcome of {@link #launch}: a running server, or the exit code to leave with. */
  record Launch(Optional<MockApiServer> server, int exitCode) {
    static Launch exit(int code) {
      return new Launch(Optional.empty(), code);
    }
  }

  /**
   * Parses the flags and starts the server, printing the ready line; on failure prints one line to
   * {@code err} and returns the exit code (2 bad flags, 1 cannot start).
   */
  static Launch launch(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.println(USAGE);
      return Launch.exit(0);
    }
    MockApiOptions options;
    try {
      options = MockApiOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("mock-api: " + e.getMessage());
      return Launch.exit(2);
    }
    MockApiServer server;
    try {
      server = MockApiServer.start(options);
    } catch (IllegalStateException e) {
      err.println("mock-api: " + e.getMessage());
      return Launch.exit(1);
    }
    out.println(readyLine(server));
    out.flush();
    return new Launch(Optional.of(server), 0);
  }

  static String readyLine(MockApiServer s) {
    MockApiOptions o = s.options();
    return "mock-api listening on "
        + s.baseUrl()
        + " (users="
        + o.users()
        + ", orders="
        + o.orders()
        + ", burst="
        + o.effectiveBurst()
        + " at "
        + s.burstAt()
        + ", history-days="
        + o.historyDays()
        + ", seed="
        + o.seed()
        + ", now="
        + s.anchor()
        + (o.now().isPresent() ? " fixed" : " wall clock")
        + (o.clockOffset().isZero() ? "" : " " + DurationFlag.format(o.clockOffset()))
        + ", token="
        + (o.token().isPresent() ? "required" : "none")
        + ", admin="
        + (o.admin() ? "on" : "off")
        + ")";
  }

  static final String USAGE =
      "usage: java -jar mock-api.jar [--host 127.0.0.1] [--port 5001] [--users 100000]"
          + " [--history-days 30] [--seed 42] [--now ISO-8601 | --clock-offset 0s (e.g. -60s)]"
          + " [--burst min(12000,users/4)] [--token T] [--admin]";
}
