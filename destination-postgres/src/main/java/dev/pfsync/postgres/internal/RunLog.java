package dev.pfsync.postgres.internal;

import dev.pfsync.core.RunStatus;
import dev.pfsync.core.SyncMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/** The {@code _pfsync.runs} table: one row per run, its counts updated with each checkpoint. */
public final class RunLog {
  private RunLog() {}

  /** Inserts a run in status {@code running}; returns its id. */
  public static long start(Connection c, String connectorId, SyncMode mode) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO _pfsync.runs (connector_id, mode, started_at, status)"
                + " VALUES (?, ?, now(), 'running') RETURNING id")) {
      st.setString(1, connectorId);
      st.setString(2, mode.wireName());
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * Marks the connector's runs still {@code running} as {@code abandoned}: only the holder of the
   * connector's lock starts runs, so when the caller holds it, those belong to processes that ended
   * without finishing them (killed, or cut off from the database). Returns how many.
   */
  public static int closeAbandoned(Connection c, String connectorId) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "UPDATE _pfsync.runs SET status = 'abandoned', finished_at = now(), message ="
                + " 'the process ended without finishing this run (killed, or cut off from the"
                + " database); found by the next run' WHERE connector_id = ? AND status ="
                + " 'running'")) {
      st.setString(1, connectorId);
      return st.executeUpdate();
    }
  }

  /** Adds a checkpoint's counts to the run. */
  public static void count(Connection c, long runId, long upserted, long deleted, long skipped)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "UPDATE _pfsync.runs SET rows_upserted = rows_upserted + ?,"
                + " rows_deleted = rows_deleted + ?, rows_skipped = rows_skipped + ?"
                + " WHERE id = ?")) {
      st.setLong(1, upserted);
      st.setLong(2, deleted);
      st.setLong(3, skipped);
      st.setLong(4, runId);
      st.executeUpdate();
    }
  }

  /** Records the end of the run: finished_at, status (lower case) and message. */
  public static void finish(Connection c, long runId, RunStatus status, Optional<String> message)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "UPDATE _pfsync.runs SET finished_at = now(), status = ?, message = ? WHERE id = ?")) {
      st.setString(1, status.name().toLowerCase(Locale.ROOT));
      st.setString(2, message.map(m -> m.replace("\0", "")).orElse(null));
      st.setLong(3, runId);
      st.executeUpdate();
    }
  }
}
