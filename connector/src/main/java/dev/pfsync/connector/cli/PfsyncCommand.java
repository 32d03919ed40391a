package dev.pfsync.connector.cli;

import dev.pfsync.connector.config.ConfigResolver;
import dev.pfsync.connector.config.ConnectorConfig;
import dev.pfsync.connector.embedded.DatabaseLocator;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code pfsync} command: holds what every subcommand shares. */
@Command(
    name = "pfsync",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Priority-First Sync of the users API into PostgreSQL.",
    subcommands = {
      SyncCommand.class,
      StateCommand.class,
      ResetCommand.class,
      CheckCommand.class,
      VerifyCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  pfsync sync --until-complete                 backfill everything, fresh data first",
      "  pfsync sync --follow --interval 30s          keep syncing until Ctrl-C",
      "  pfsync sync --api-url http://api:5001 --jdbc-url jdbc:postgresql://db:5432/app",
      "  pfsync state                                 print the stored cursors",
      "  pfsync reset --drop-tables                   start over",
      "  pfsync check --config configuration.json     test API and database access",
      "",
      "Every flag can also be set in --config (same name without dashes) or as PFSYNC_<NAME>",
      "(e.g. PFSYNC_PAGE_SIZE); flags win over the file, the file over the environment."
    })
public final class PfsyncCommand implements Runnable {
  final Map<String, String> env;
  final Clock clock;
  final PrintStream out;
  final PrintStream err;
  final GracefulStop gracefulStop;

  @Spec CommandSpec spec;

  public PfsyncCommand(
      Map<String, String> env,
      Clock clock,
      PrintStream out,
      PrintStream err,
      GracefulStop gracefulStop) {
    this.env = Map.copyOf(env);
    this.clock = clock;
    this.out = out;
    this.err = err;
    this.gracefulStop = gracefulStop;
  }

  @Override
  public void run() {
    spec.commandLine().usage(out);
  }

  /** The database, destination and source for a resolved configuration. */
  ConnectorRuntime open(ConnectorConfig config) {
    return ConnectorRuntime.open(config, DatabaseLocator.standard(env, err));
  }

  ConnectorConfig resolve(CommonOptions options) {
    Logging.configure(options.verbose);
    return new ConfigResolver(env, clock).resolve(options.flags(), options.configFile());
  }
}
