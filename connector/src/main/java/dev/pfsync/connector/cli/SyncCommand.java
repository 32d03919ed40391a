package dev.pfsync.connector.cli;

import dev.pfsync.connector.UsersConnector;
import dev.pfsync.connector.config.ConnectorConfig;
import dev.pfsync.connector.progress.ConsoleProgress;
import dev.pfsync.connector.progress.SyncReport;
import dev.pfsync.core.ConfigurationException;
import dev.pfsync.core.RunStatus;
import dev.pfsync.core.RunSummary;
import dev.pfsync.core.SyncEngine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code pfsync sync}: one scheduled run, until the backfill is complete, or following. */
@Command(
    name = "sync",
    description = {
      "One scheduled run: incremental if the state says so, else historical; then flips the mode.",
      "--until-complete: backfill all history, interleaving incremental runs every --slice.",
      "--follow: keep syncing every --interval until Ctrl-C / SIGTERM (stops at a checkpoint)."
    },
    mixinStandardHelpOptions = true)
final class SyncCommand implements Callable<Integer> {
  /**
   * Fetch the next page while the current one is checkpointed (see {@link SyncEngine}): off unless
   * the JVM runs with {@code -Dpfsync.prefetch=true}. Off by default because a crash during a
   * checkpoint then makes the restart request two pages again (the one being checkpointed and the
   * one fetched ahead), where docs/CONTRACTS.md promises one.
   */
  private static final boolean PREFETCH = Boolean.getBoolean("pfsync.prefetch");

  @ParentCommand PfsyncCommand root;

  @Mixin CommonOptions options;

  @Option(names = "--until-complete", description = "run until the historical backfill is done")
  boolean untilComplete;

  @Option(names = "--follow", description = "keep running incremental syncs until stopped")
  boolean follow;

  @Override
  public Integer call() {
    if (untilComplete && follow) {
      throw new ConfigurationException("--until-complete and --follow cannot be used together");
    }
    ConnectorConfig config = root.resolve(options);
    try (ConnectorRuntime rt = root.open(config)) {
      SyncEngine engine =
          new SyncEngine(
              UsersConnector.tables(),
              rt.source(),
              rt.destination,
              config.sync(),
              root.clock,
              ConsoleProgress.on(root.out),
              PREFETCH);
      root.gracefulStop.onStop(engine::requestStop);
      RunSummary summary =
          follow
              ? engine.follow(config.interval())
              : untilComplete ? engine.runUntilComplete(config.slice()) : engine.runOnce();
      SyncReport.print(root.out, summary, rt.destination, UsersConnector.tables());
      if (root.gracefulStop.requested()) {
        return 143;
      }
      return summary.status() == RunStatus.FAILED ? 1 : 0;
    }
  }
}
