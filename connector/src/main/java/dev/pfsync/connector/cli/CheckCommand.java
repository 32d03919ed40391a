package dev.pfsync.connector.cli;

import dev.pfsync.connector.UsersConnector;
import dev.pfsync.connector.config.ConnectorConfig;
import dev.pfsync.core.ConfigurationException;
import dev.pfsync.core.Keyset;
import dev.pfsync.core.PageRequest;
import dev.pfsync.core.TableBinding;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code pfsync check}: the API and the database answer, and the credentials work. */
@Command(
    name = "check",
    description = "Check that the API and the database are reachable and the credentials work.",
    mixinStandardHelpOptions = true)
final class CheckCommand implements Callable<Integer> {
  @ParentCommand PfsyncCommand root;

  @Mixin CommonOptions options;

  @Override
  public Integer call() {
    ConnectorConfig config = root.resolve(options);
    boolean ok = true;
    String badConfiguration = null; // the first failure that is the configuration's fault
    try (ConnectorRuntime rt = root.open(config)) {
      Instant now = root.clock.instant();
      for (TableBinding table : UsersConnector.tables()) {
        try {
          rt.source(1)
              .fetch(
                  table,
                  new PageRequest(Keyset.from(now.minus(Duration.ofDays(1))), Optional.of(now), 1));
          root.out.println("api: ok (" + config.apiUrl() + table.endpoint() + ")");
        } catch (RuntimeException e) {
          ok = false;
          root.out.println(
              "api: FAILED (" + config.apiUrl() + table.endpoint() + "): " + e.getMessage());
          if (badConfiguration == null && e instanceof ConfigurationException) {
            badConfiguration = e.getMessage();
          }
        }
      }
      try {
        rt.destination.check();
        root.out.println("database: ok (" + rt.database.jdbcUrl() + ")");
      } catch (RuntimeException e) {
        ok = false;
        root.out.println("database: FAILED (" + rt.database.jdbcUrl() + "): " + e.getMessage());
        if (badConfiguration == null && e instanceof ConfigurationException) {
          badConfiguration = e.getMessage();
        }
      }
    }
    if (badConfiguration != null) {
      // Wrong credentials or database name: bad configuration, exit 2 as sync does.
      root.err.println("pfsync: " + badConfiguration);
      return 2;
    }
    return ok ? 0 : 1;
  }
}
