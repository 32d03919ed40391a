package dev.pfsync.postgres.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** What {@code check} verifies on a fresh connection; changes nothing. */
public final class DatabaseCheck {
  private DatabaseCheck() {}

  /**
   * Runs {@code SELECT 1}, then creates both schemas (if missing) in a transaction that is always
   * rolled back, which fails with SQLState 42501 if the user may not.
   */
  public static void run(Connection c, String dataSchema, String metadataSchema)
      throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("SELECT 1");
      c.setAutoCommit(false);
      try {
        st.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(dataSchema));
        st.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(metadataSchema));
        st.execute(
            "CREATE TABLE " + Identifiers.qualified(dataSchema, "_pfsync_check") + " (id int)");
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    }
  }
}
