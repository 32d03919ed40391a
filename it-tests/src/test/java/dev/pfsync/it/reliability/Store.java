package dev.pfsync.it.reliability;

import dev.pfsync.postgres.PostgresDestination;
import dev.pfsync.postgres.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One scenario's destination: a fresh schema and connector id in the test database, and the reads
 * the checks need (state, stored keys, the runs table), each on a short connection of its own so
 * they survive a terminated backend or a restarted server.
 */
final class Store {
  final TestDatabase db;
  final String schema;
  final String connectorId;

  private Store(TestDatabase db, String schema, String connectorId) {
    this.db = db;
    this.schema = schema;
    this.connectorId = connectorId;
  }

  static Store fresh(String prefix) {
    return fresh(prefix, "rel-" + prefix);
  }

  /** With a connector id of this prefix (any text: the id is data, never SQL). */
  static Store fresh(String prefix, String connectorPrefix) {
    TestDatabase db = TestDatabase.get();
    return new Store(db, db.freshSchema("rel_" + prefix), db.connectorId(connectorPrefix));
  }

  /** The destination flags of the CLI for this store. */
  List<String> flags() {
    List<String> f = new ArrayList<>();
    f.add("--jdbc-url=" + db.jdbcUrl());
    f.add("--db-user=" + db.user());
    db.password().ifPresent(p -> f.add("--db-password=" + p));
    f.add("--schema=" + schema);
    f.add("--connector-id=" + connectorId);
    return f;
  }

  Optional<String> state() {
    return query(
        "SELECT state::text FROM _pfsync.state WHERE connector_id = ?",
        rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty());
  }

  /**
   * The state and the stored users as of one instant (one REPEATABLE READ transaction): a killed
   * connector's backend may still commit its last checkpoint after the process is gone, so two
   * separate reads could see the state of a later checkpoint than the rows.
   */
  Snapshot snapshot() {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      Optional<String> state = Optional.empty();
      try (PreparedStatement st =
          c.prepareStatement("SELECT state::text FROM _pfsync.state WHERE connector_id = ?")) {
        st.setString(1, connectorId);
        try (ResultSet rs = st.executeQuery()) {
          if (rs.next()) {
            state = Optional.of(rs.getString(1));
          }
        }
      }
      Map<String, UserKey> rows = new HashMap<>();
      if (tableExists()) {
        try (Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT id, updated_at FROM " + table())) {
          while (rs.next()) {
            String id = rs.getString(1);
            rows.put(id, new UserKey(rs.getObject(2, OffsetDateTime.class).toInstant(), id));
          }
        }
      }
      c.commit();
      return new Snapshot(state, rows);
    } catch (SQLException e) {
      throw new IllegalStateException("snapshot: " + e.getMessage(), e);
    }
  }

  /** The state and stored users seen in one transaction. */
  record Snapshot(Optional<String> state, Map<String, UserKey> rows) {}

  /** Stored users: id -> updatedAt; empty while the table does not exist. */
  Map<String, UserKey> rows() {
    if (!tableExists()) {
      return Map.of();
    }
    return query(
        "SELECT id, updated_at FROM " + table(),
        List.of(),
        rs -> {
          Map<String, UserKey> m = new HashMap<>();
          while (rs.next()) {
            String id = rs.getString(1);
            m.put(id, new UserKey(rs.getObject(2, OffsetDateTime.class).toInstant(), id));
          }
          return m;
        });
  }

  /** Stored users; 0 while the table does not exist. */
  long count() {
    if (!tableExists()) {
      return 0;
    }
    return query(
        "SELECT count(*) FROM " + table(),
        List.of(),
        rs -> {
          rs.next();
          return rs.getLong(1);
        });
  }

  /** Rows minus distinct keys: anything but 0 means a key is stored twice. */
  long duplicateKeys() {
    if (!tableExists()) {
      return 0;
    }
    return query(
        "SELECT count(*) - count(DISTINCT id) FROM " + table(),
        List.of(),
        rs -> {
          rs.next();
          return rs.getLong(1);
        });
  }

  Runs runs() {
    return query(
        "SELECT count(*) FILTER (WHERE status = 'running'), count(*) FILTER (WHERE status ="
            + " 'succeeded'), count(*) FILTER (WHERE status = 'stopped'), count(*) FILTER (WHERE"
            + " status = 'failed'), coalesce(sum(rows_upserted + rows_deleted), 0),"
            + " coalesce(sum(rows_skipped), 0), count(*) FROM _pfsync.runs WHERE connector_id = ?",
        rs -> {
          rs.next();
          return new Runs(
              rs.getLong(1),
              rs.getLong(2),
              rs.getLong(3),
              rs.getLong(4),
              rs.getLong(5),
              rs.getLong(6),
              rs.getLong(7));
        });
  }

  /** The status and message of the latest run. */
  Optional<String> lastRun() {
    return query(
        "SELECT status || coalesce(': ' || message, '') FROM _pfsync.runs WHERE connector_id = ?"
            + " ORDER BY id DESC LIMIT 1",
        rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty());
  }

  /** Every message the runs table holds for this connector, for secret scans. */
  String runMessages() {
    return query(
        "SELECT coalesce(string_agg(message, E'\\n'), '') FROM _pfsync.runs WHERE connector_id = ?",
        rs -> {
          rs.next();
          return rs.getString(1);
        });
  }

  /**
   * While a run holds this connector's lease, terminates the backends of pfsync's connections to
   * this database (the one applying the checkpoints, and the lease heartbeat's); returns how many
   * were terminated. Only this database is touched: the server is shared with other tests.
   */
  int terminateLockHolder() {
    return query(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name ="
            + " 'pfsync' AND datname = current_database() AND pid <> pg_backend_pid() AND EXISTS"
            + " (SELECT 1 FROM _pfsync.leases WHERE connector_id = ? AND expires_at > now())",
        List.of(connectorId),
        rs -> {
          rs.next();
          return rs.getInt(1);
        });
  }

  /** Whether a live lease of this connector exists (a run holds it). */
  boolean locked() {
    return query(
        "SELECT count(*) FROM _pfsync.leases WHERE connector_id = ? AND expires_at > now()",
        List.of(connectorId),
        rs -> {
          rs.next();
          return rs.getInt(1) > 0;
        });
  }

  boolean tableExists() {
    return query(
        "SELECT to_regclass(?) IS NOT NULL",
        List.of(table()),
        rs -> {
          rs.next();
          return rs.getBoolean(1);
        });
  }

  String table() {
    return PostgresDestination.quoted(schema) + "." + PostgresDestination.quoted("user");
  }

  void execute(String sql) {
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private <T> T query(String sql, ResultReader<T> reader) {
    return query(sql, List.of(connectorId), reader);
  }

  private <T> T query(String sql, List<String> params, ResultReader<T> reader) {
    try (Connection c = db.connect();
        PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        st.setString(i + 1, params.get(i));
      }
      try (ResultSet rs = st.executeQuery()) {
        return reader.read(rs);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface ResultReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /**
   * The connector's rows of {@code _pfsync.runs}.
   *
   * @param running runs left running: their process died
   * @param rowsApplied the sum of rows upserted and deleted over every run
   */
  record Runs(
      long running,
      long succeeded,
      long stopped,
      long failed,
      long rowsApplied,
      long rowsSkipped,
      long total) {}
}
