package dev.pfsync.postgres.internal;

import dev.pfsync.postgres.PostgresConfig;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The {@link DataSource} Flyway gets: connections from {@link Connections}, so migrations too run
 * without server-side prepared statements and with the same timeouts (a pooler in front of the
 * database sees no difference between Flyway and the destination).
 */
final class ConfigDataSource implements DataSource {
  private final PostgresConfig config;

  ConfigDataSource(PostgresConfig config) {
    this.config = config;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return Connections.connect(
        config, Connections.CONNECT_TIMEOUT_SECONDS, Connections.SOCKET_TIMEOUT_SECONDS);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the credentials come from the destination config");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // Not used: pgjdbc and Flyway log through their own loggers.
  }

  @Override
  public void setLoginTimeout(int seconds) {
    // Not used: Connections sets connectTimeout.
  }

  @Override
  public int getLoginTimeout() {
    return Connections.CONNECT_TIMEOUT_SECONDS;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no java.util.logging parent");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper of " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
