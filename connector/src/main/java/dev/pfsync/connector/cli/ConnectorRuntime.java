package dev.pfsync.connector.cli;

import dev.pfsync.connector.UsersConnector;
import dev.pfsync.connector.config.ConnectorConfig;
import dev.pfsync.connector.embedded.DatabaseLocator;
import dev.pfsync.connector.embedded.LocatedDatabase;
import dev.pfsync.core.http.HttpPageSource;
import dev.pfsync.core.http.HttpSourceConfig;
import dev.pfsync.postgres.PostgresConfig;
import dev.pfsync.postgres.PostgresDestination;

/** The users connector's moving parts for one command: database, destination, page source. */
final class ConnectorRuntime implements AutoCloseable {
  final ConnectorConfig config;
  final LocatedDatabase database;
  final PostgresDestination destination;

  private HttpPageSource source;

  private ConnectorRuntime(
      ConnectorConfig config, LocatedDatabase database, PostgresDestination destination) {
    this.config = config;
    this.database = database;
    this.destination = destination;
  }

  static ConnectorRuntime open(ConnectorConfig config, DatabaseLocator locator) {
    LocatedDatabase db = locator.locate(config.database());
    try {
      PostgresConfig pg =
          new PostgresConfig(
              db.jdbcUrl(),
              db.user(),
              db.embedded().isPresent() ? java.util.Optional.empty() : config.database().password(),
              config.database().schema(),
              config.database().lease());
      return new ConnectorRuntime(config, db, new PostgresDestination(pg));
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** The HTTP source of the users API with the default retries, created on first use. */
  HttpPageSource source() {
    return source(HttpSourceConfig.defaults(config.apiUrl()).maxRetries());
  }

  /** The HTTP source with at most {@code maxRetries} retries per request ({@code check}: few). */
  HttpPageSource source(int maxRetries) {
    if (source == null) {
      source =
          new HttpPageSource(
              HttpSourceConfig.defaults(config.apiUrl())
                  .withBearerToken(config.apiToken())
                  .withMaxRetries(maxRetries));
    }
    return source;
  }

  java.util.List<dev.pfsync.core.TableSchema> schemas() {
    return UsersConnector.tables().stream().map(b -> b.schema()).toList();
  }

  @Override
  public void close() {
    try (LocatedDatabase db = database) {
      try {
        if (source != null) {
          source.close();
        }
      } finally {
        destination.close();
      }
    }
  }
}
