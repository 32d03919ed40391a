package dev.pfsync.connector.cli;

import dev.pfsync.connector.config.ConnectorConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code pfsync reset}: forgets the state so the next sync starts over. */
@Command(
    name = "reset",
    description = "Forget the state (the next sync starts over).",
    mixinStandardHelpOptions = true)
final class ResetCommand implements Callable<Integer> {
  @ParentCommand PfsyncCommand root;

  @Mixin CommonOptions options;

  @Option(names = "--drop-tables", description = "also drop the synced tables")
  boolean dropTables;

  @Override
  public Integer call() {
    ConnectorConfig config = root.resolve(options);
    try (ConnectorRuntime rt = root.open(config)) {
      String id = config.sync().connectorId();
      rt.destination.reset(id, dropTables, rt.schemas());
      root.out.println(
          "pfsync: state of connector '"
              + id
              + "' forgotten"
              + (dropTables
                  ? "; tables of schema " + config.database().schema() + " dropped"
                  : ""));
      return 0;
    }
  }
}
