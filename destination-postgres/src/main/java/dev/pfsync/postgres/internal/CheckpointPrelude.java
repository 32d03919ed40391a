package dev.pfsync.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The bookkeeping of a checkpoint sent in ONE round trip at the start of its transaction (or, for a
 * streamed checkpoint, at its end together with the COMMIT): the state upsert, the run's counts
 * (known before the rows are written: every row is upserted or a tombstone) and, when the rows are
 * expected to take the fast path, the savepoint that path rolls back to; and the fence that renews
 * the connector's lease or, if another owner took it, fails the transaction. Before, these were
 * three round trips after (and one before) the rows; on a loaded machine each costs milliseconds
 * per checkpoint.
 */
public final class CheckpointPrelude {
  /** The savepoint taken by {@link #run} when asked: {@link TableWriter} rolls back to it. */
  public static final String SAVEPOINT = "pfsync_fast_path";

  private static final String STATE =
      "INSERT INTO _pfsync.state (connector_id, state, updated_at) VALUES (?, ?::jsonb, now())"
          + " ON CONFLICT (connector_id) DO UPDATE"
          + " SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at";
  private static final String COUNTS =
      "UPDATE _pfsync.runs SET rows_upserted = rows_upserted + ?,"
          + " rows_deleted = rows_deleted + ?, rows_skipped = rows_skipped + ? WHERE id = ?";

  private CheckpointPrelude() {}

  /**
   * Writes the state and, with a run, adds the counts to it; with {@code savepoint} then takes
   * {@link #SAVEPOINT}. Must be the first work of the transaction.
   */
  public static void run(
      Connection c,
      String connectorId,
      String stateJson,
      Long runId,
      long upserted,
      long deleted,
      long skipped,
      boolean savepoint,
      Lease lease)
      throws SQLException {
    execute(
        c,
        connectorId,
        stateJson,
        runId,
        upserted,
        deleted,
        skipped,
        savepoint ? ";\nSAVEPOINT " + SAVEPOINT : "",
        lease);
  }

  /**
   * Writes the state and the counts as the last work of the transaction, and commits it in the same
   * round trip (a streamed checkpoint knows its state only once its rows are written).
   */
  public static void runAndCommit(
      Connection c,
      String connectorId,
      String stateJson,
      Long runId,
      long upserted,
      long deleted,
      long skipped,
      Lease lease)
      throws SQLException {
    execute(c, connectorId, stateJson, runId, upserted, deleted, skipped, ";\nCOMMIT", lease);
  }

  private static void execute(
      Connection c,
      String connectorId,
      String stateJson,
      Long runId,
      long upserted,
      long deleted,
      long skipped,
      String then,
      Lease lease)
      throws SQLException {
    String sql = STATE + (runId == null ? "" : ";\n" + COUNTS) + ";\n" + Leases.FENCE + then;
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, connectorId);
      st.setString(2, stateJson);
      int next = 3;
      if (runId != null) {
        st.setLong(3, upserted);
        st.setLong(4, deleted);
        st.setLong(5, skipped);
        st.setLong(6, runId);
        next = 7;
      }
      // The fence: fails the whole transaction (rows, state, counts) if the lease is not ours.
      st.setString(next, lease.connectorId());
      st.setString(next + 1, lease.resource());
      st.setString(next + 2, lease.owner());
      st.setLong(next + 3, lease.duration().toMillis());
      st.execute();
    }
  }
}
