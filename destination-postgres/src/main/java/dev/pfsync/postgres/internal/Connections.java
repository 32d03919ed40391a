package dev.pfsync.postgres.internal;

import dev.pfsync.postgres.PostgresConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * Opens every JDBC connection of the destination (its own, Flyway's, the lease heartbeat's) with
 * the same defaults; failures never mention the password. A parameter written in the JDBC URL wins
 * over these defaults: pgjdbc reads the URL after the properties passed with it.
 */
public final class Connections {
  /**
   * How long a connection waits for an answer before it gives up on a silently dropped peer. COPY
   * writes do not read, so a page streaming in for minutes never trips it; the longest legitimate
   * wait for an answer is a commit or an upsert of a large page, well below this.
   */
  public static final int SOCKET_TIMEOUT_SECONDS = 300;

  static final int CONNECT_TIMEOUT_SECONDS = 10;

  /**
   * The defaults besides the timeouts: no server-side prepared statements (a transaction pooler
   * hands each transaction another server connection, where the statement does not exist or already
   * does) and TCP keepalive; the application name goes in the startup packet
   * (assumeMinServerVersion), as pgjdbc otherwise sends a {@code SET} after connecting.
   */
  private static final Map<String, String> DEFAULTS =
      Map.of(
          PGProperty.PREPARE_THRESHOLD.getName(), "0",
          PGProperty.TCP_KEEP_ALIVE.getName(), "true",
          PGProperty.APPLICATION_NAME.getName(), "pfsync",
          PGProperty.ASSUME_MIN_SERVER_VERSION.getName(), "9.0");

  private Connections() {}

  /** A new auto-commit connection, named {@code pfsync} in {@code pg_stat_activity}. */
  public static Connection open(PostgresConfig config) {
    return open(config, CONNECT_TIMEOUT_SECONDS, SOCKET_TIMEOUT_SECONDS);
  }

  /** The same with other timeouts (the lease heartbeat's are short). */
  public static Connection open(
      PostgresConfig config, int connectTimeoutSeconds, int socketTimeoutSeconds) {
    try {
      return connect(config, connectTimeoutSeconds, socketTimeoutSeconds);
    } catch (SQLException e) {
      throw SqlErrors.translate("connect to " + config.jdbcUrl() + " as user " + config.user(), e);
    }
  }

  /** Opens without translating the failure (for Flyway's data source). */
  static Connection connect(
      PostgresConfig config, int connectTimeoutSeconds, int socketTimeoutSeconds)
      throws SQLException {
    return DriverManager.getConnection(
        config.jdbcUrl(), properties(config, connectTimeoutSeconds, socketTimeoutSeconds));
  }

  /**
   * The properties passed with the URL: the credentials and the defaults; with several hosts
   * ({@code //h1:5432,h2:5432/db}), {@code targetServerType=primary}, as pgjdbc would otherwise
   * take any of them, a standby included.
   */
  static Properties properties(
      PostgresConfig config, int connectTimeoutSeconds, int socketTimeoutSeconds) {
    Properties props = new Properties();
    props.putAll(DEFAULTS);
    props.setProperty(
        PGProperty.CONNECT_TIMEOUT.getName(), Integer.toString(connectTimeoutSeconds));
    props.setProperty(PGProperty.SOCKET_TIMEOUT.getName(), Integer.toString(socketTimeoutSeconds));
    Properties url = Driver.parseURL(config.jdbcUrl(), null);
    if (url != null && PGProperty.PG_HOST.getOrDefault(url).contains(",")) {
      props.setProperty(PGProperty.TARGET_SERVER_TYPE.getName(), "primary");
    }
    props.setProperty(PGProperty.USER.getName(), config.user());
    config.password().ifPresent(p -> props.setProperty(PGProperty.PASSWORD.getName(), p));
    return props;
  }

  /** Closes quietly: used on paths that already report another failure, or on close(). */
  public static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Nothing useful to do: the connection is being abandoned anyway.
    }
  }
}
