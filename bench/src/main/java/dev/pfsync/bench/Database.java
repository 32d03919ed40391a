package dev.pfsync.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The PostgreSQL the benchmarks sync into and {@code psql} loads into: libpq's {@code PG*}
 * variables (as {@code psql} reads them) and {@code PFSYNC_BENCH_JDBC_URL}, defaulting to the local
 * server as {@code postgres}.
 *
 * @param jdbcUrl for this process and the connector
 * @param host for psql ({@code PGHOST})
 * @param port for psql ({@code PGPORT})
 * @param user for everyone ({@code PGUSER})
 * @param database for psql ({@code PGDATABASE})
 * @param password {@code PGPASSWORD}, or null; psql and the connector read it from the environment
 */
record Database(
    String jdbcUrl, String host, String port, String user, String database, String password) {

  /** The schema of the synced tables. */
  static final String SCHEMA = "pfsync_bench";

  /** The schema of the baselines' tables. */
  static final String BASE = "pfsync_bench_base";

  /** The connector id of every sync. */
  static final String CONNECTOR_ID = "pfsync_bench";

  static Database fromEnvironment(Map<String, String> env) {
    return new Database(
        setting(env, "PFSYNC_BENCH_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"),
        setting(env, "PGHOST", "127.0.0.1"),
        setting(env, "PGPORT", "5432"),
        setting(env, "PGUSER", "postgres"),
        setting(env, "PGDATABASE", "postgres"),
        env.get("PGPASSWORD"));
  }

  /** The variable's value, or {@code otherwise} when it is unset or blank. */
  static String setting(Map<String, String> env, String name, String otherwise) {
    String v = env.get(name);
    return v == null || v.isBlank() ? otherwise : v;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }

  void sql(String statements) throws SQLException {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute(statements);
    }
  }

  long count(String query) throws SQLException {
    try (Connection c = connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** {@code PostgreSQL 15.20}. */
  String serverVersion() throws SQLException {
    try (Connection c = connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW server_version")) {
      rs.next();
      return "PostgreSQL " + rs.getString(1).split(" ")[0];
    }
  }

  /** Rows in the synced users table. */
  long syncedRows() throws SQLException {
    return count("SELECT count(*) FROM " + SCHEMA + ".\"user\"");
  }

  @Override
  public String toString() {
    return "Database["
        + jdbcUrl
        + " as "
        + user
        + (password == null ? "" : ", password ****")
        + "]";
  }

  /** Drops what the benchmarks made: both schemas and the connector's state and runs. */
  void cleanup() {
    try {
      sql(
          "DROP SCHEMA IF EXISTS "
              + SCHEMA
              + " CASCADE; DROP SCHEMA IF EXISTS "
              + BASE
              + " CASCADE;"
              + " DO $$ BEGIN IF to_regclass('_pfsync.state') IS NOT NULL THEN"
              + " DELETE FROM _pfsync.state WHERE connector_id = '"
              + CONNECTOR_ID
              + "';"
              + " DELETE FROM _pfsync.runs WHERE connector_id = '"
              + CONNECTOR_ID
              + "';"
              + " END IF; END $$;");
    } catch (Exception e) {
      System.err.println("bench: cleanup failed: " + e.getMessage());
    }
  }
}
