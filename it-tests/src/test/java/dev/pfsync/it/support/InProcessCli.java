package dev.pfsync.it.support;

import dev.pfsync.connector.cli.Cli;
import dev.pfsync.connector.cli.GracefulStop;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * Runs the connector CLI inside this JVM with an injected clock and environment, capturing its
 * output. The environment is only what is passed (nothing is inherited), so tests give every flag
 * explicitly (see {@link SyncTarget#flags()}).
 */
public final class InProcessCli {
  private InProcessCli() {}

  public static CliResult run(Clock clock, String... args) {
    return run(clock, Map.of(), args);
  }

  public static CliResult run(Clock clock, Map<String, String> env, String... args) {
    return run(clock, env, GracefulStop.manual(), args);
  }

  /** Runs with {@code stop}, which another thread may {@link GracefulStop#request()}. */
  public static CliResult run(
      Clock clock, Map<String, String> env, GracefulStop stop, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = new Cli(env, clock, o, e, stop).run(args);
    }
    return new CliResult(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
