package dev.pfsync.postgres.internal;

import dev.pfsync.core.ConfigurationException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the destination learns about the server when it connects, in one query: whether it can write
 * there at all, and whether the server's timeouts could end a checkpoint transaction that waits on
 * the API.
 *
 * @param timeoutsSet {@code statement_timeout} or {@code idle_in_transaction_session_timeout} is
 *     not zero
 */
public record ServerSettings(boolean timeoutsSet) {
  private static final String QUERY =
      "SELECT pg_is_in_recovery(), current_setting('transaction_read_only') = 'on',"
          + " current_setting('statement_timeout') <> '0',"
          + " current_setting('idle_in_transaction_session_timeout') <> '0', current_database()";

  /** Both timeouts off for the rest of the transaction only, which a pooler allows. */
  private static final String TIMEOUTS_OFF =
      "SET LOCAL statement_timeout = 0; SET LOCAL idle_in_transaction_session_timeout = 0";

  /**
   * Reads the settings on a new connection.
   *
   * @throws ConfigurationException if the database is a standby or read-only
   */
  public static ServerSettings read(Connection c, String jdbcUrl) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(QUERY)) {
      rs.next();
      String database = "database " + rs.getString(5) + " at " + jdbcUrl;
      if (rs.getBoolean(1)) {
        throw new ConfigurationException(
            database + " is a read-only standby; point --jdbc-url at the primary");
      }
      if (rs.getBoolean(2)) {
        throw new ConfigurationException(
            database
                + " is read-only (default_transaction_read_only); point --jdbc-url at the primary");
      }
      return new ServerSettings(rs.getBoolean(3) || rs.getBoolean(4));
    }
  }

  /**
   * As the first work of a checkpoint transaction: the transaction waits on the API between rows (a
   * streamed COPY is one statement that lasts the whole page), which a server timeout would
   * otherwise cut off. Costs nothing when neither timeout is set.
   */
  public void disableTimeouts(Connection c) throws SQLException {
    if (timeoutsSet) {
      try (Statement st = c.createStatement()) {
        st.execute(TIMEOUTS_OFF);
      }
    }
  }
}
