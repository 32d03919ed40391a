package dev.pfsync.connector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pfsync.connector.config.ConnectorConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code pfsync state}: prints the stored state JSON ({@code {}} if there is none). */
@Command(
    name = "state",
    description = "Print the current state JSON.",
    mixinStandardHelpOptions = true)
final class StateCommand implements Callable<Integer> {
  @ParentCommand PfsyncCommand root;

  @Mixin CommonOptions options;

  @Override
  public Integer call() throws Exception {
    ConnectorConfig config = root.resolve(options);
    try (ConnectorRuntime rt = root.open(config)) {
      var state = rt.destination.readState(config.sync().connectorId());
      if (state.isEmpty()) {
        root.err.println(
            "pfsync: no state for connector '" + config.sync().connectorId() + "' (never synced)");
        root.out.println("{}");
        return 0;
      }
      ObjectMapper json = new ObjectMapper();
      root.out.println(
          json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(state.get())));
      return 0;
    }
  }
}
