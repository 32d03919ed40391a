package dev.pfsync.connector.cli;

import dev.pfsync.core.ConcurrentRunException;
import dev.pfsync.core.ConfigurationException;
import dev.pfsync.core.SyncException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The CLI, runnable in-process: exit 0 success, 1 failure, 2 bad usage or configuration (one line
 * on stderr, no stack trace).
 */
public final class Cli {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  private final PfsyncCommand root;

  public Cli(
      Map<String, String> env,
      Clock clock,
      PrintStream out,
      PrintStream err,
      GracefulStop gracefulStop) {
    this.root = new PfsyncCommand(env, clock, out, err, gracefulStop);
  }

  /** Runs one command line; returns the exit code. */
  public int run(String... args) {
    CommandLine cl = new CommandLine(root);
    cl.setOut(new PrintWriter(root.out, true));
    cl.setErr(new PrintWriter(root.err, true));
    cl.setParameterExceptionHandler(
        (e, a) -> {
          root.err.println("pfsync: " + usageMessage(e) + " (see pfsync --help)");
          return USAGE;
        });
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(e));
    return cl.execute(args);
  }

  /**
   * The parse error, without echoing what followed a mistyped flag: {@code --api-tokn SECRET} must
   * not print the secret.
   */
  static String usageMessage(CommandLine.ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException u) {
      java.util.List<String> unmatched = u.getUnmatched();
      if (!unmatched.isEmpty() && !unmatched.get(0).startsWith("-")) {
        // An unknown command (or stray argument) comes first; what follows it is not echoed.
        return "unknown command or argument '" + unmatched.get(0) + "'";
      }
      java.util.List<String> options =
          unmatched.stream().filter(arg -> arg.startsWith("-")).map(Cli::optionName).toList();
      if (!options.isEmpty()) {
        return "unknown option" + (options.size() > 1 ? "s " : " ") + String.join(", ", options);
      }
      return "unexpected arguments";
    }
    return e.getMessage();
  }

  private static String optionName(String arg) {
    int eq = arg.indexOf('=');
    return "'" + (eq < 0 ? arg : arg.substring(0, eq)) + "'";
  }

  private int failure(Exception e) {
    if (e instanceof ConfigurationException) {
      root.err.println("pfsync: " + e.getMessage());
      return USAGE;
    }
    LoggerFactory.getLogger(Cli.class).debug("command failed", e);
    if (e instanceof ConcurrentRunException || e instanceof SyncException) {
      root.err.println("pfsync: error: " + e.getMessage());
    } else {
      root.err.println(
          "pfsync: unexpected error: "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + " (run with --verbose for details)");
    }
    return FAILED;
  }
}
