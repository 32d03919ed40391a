package dev.pfsync.postgres.internal;

import dev.pfsync.postgres.PostgresConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens JDBC connections for a {@link PostgresConfig}; failures never mention the password. */
public final class Connections {
  private Connections() {}

  /** A new auto-commit connection, named {@code pfsync} in {@code pg_stat_activity}. */
  public static Connection open(PostgresConfig config) {
    Properties props = new Properties();
    props.setProperty("user", config.user());
    config.password().ifPresent(p -> props.setProperty("password", p));
    props.setProperty("ApplicationName", "pfsync");
    try {
      return DriverManager.getConnection(config.jdbcUrl(), props);
    } catch (SQLException e) {
      throw SqlErrors.translate("connect to " + config.jdbcUrl() + " as user " + config.user(), e);
    }
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
