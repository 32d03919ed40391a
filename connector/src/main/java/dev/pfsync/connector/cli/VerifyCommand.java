package dev.pfsync.connector.cli;

import dev.pfsync.connector.UsersConnector;
import dev.pfsync.connector.config.ConnectorConfig;
import dev.pfsync.connector.verify.TruthComparer;
import dev.pfsync.connector.verify.TruthComparison;
import dev.pfsync.core.TableBinding;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pfsync verify}: compares the destination with the mock API's {@code /admin/truth} (the
 * mock must run with {@code --admin}). A testing aid, not part of a production sync.
 */
@Command(
    name = "verify",
    description =
        "(mock-api only) Compare the destination with the API's /admin/truth, row for row.",
    mixinStandardHelpOptions = true)
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand PfsyncCommand root;

  @Mixin CommonOptions options;

  @Override
  public Integer call() throws Exception {
    ConnectorConfig config = root.resolve(options);
    boolean all = true;
    try (ConnectorRuntime rt = root.open(config)) {
      Properties props = new Properties();
      props.setProperty("user", rt.database.user());
      config.database().password().ifPresent(p -> props.setProperty("password", p));
      try (Connection db = DriverManager.getConnection(rt.database.jdbcUrl(), props)) {
        for (TableBinding table : UsersConnector.tables()) {
          URI truth = URI.create(config.apiUrl().toString().replaceAll("/+$", "") + "/admin/truth");
          TruthComparison result =
              TruthComparer.compare(truth, table, db, config.database().schema());
          root.out.println("verify " + result.describe(table));
          result.examples().forEach(e -> root.out.println("    " + e));
          all &= result.matches();
        }
      }
    }
    return all ? 0 : 1;
  }
}
