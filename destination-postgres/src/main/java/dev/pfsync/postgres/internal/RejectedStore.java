package dev.pfsync.postgres.internal;

import dev.pfsync.core.RejectedRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;

/**
 * The {@code _pfsync.rejected} table: the rejected records of a checkpoint go in with ONE statement
 * in the checkpoint's own transaction, as five arrays unnested into rows (a statement per record
 * would cost a round trip each). Nothing is sent for a checkpoint without rejected records.
 */
public final class RejectedStore {
  private static final String INSERT =
      "INSERT INTO _pfsync.rejected (connector_id, \"table\", key, field, reason, record, run_id)"
          + " SELECT ?, t, k, f, r, j, ?::bigint"
          + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS u(t, k, f, r, j)";

  // The batch path counted its rows as written before they were checked (see PostgresDestination).
  private static final String RECOUNT =
      "UPDATE _pfsync.runs SET rows_upserted = rows_upserted - ?, rows_deleted = rows_deleted - ?,"
          + " rows_skipped = rows_skipped + ?, rows_rejected = rows_rejected + ? WHERE id = ?";

  private RejectedStore() {}

  /**
   * The statement that stores {@code rejected}, preceded by {@code ";\n"} to follow other
   * statements of one round trip; empty if there is nothing to store.
   */
  public static String sql(List<RejectedRecord> rejected) {
    return rejected.isEmpty() ? "" : ";\n" + INSERT;
  }

  /**
   * Binds the parameters of {@link #sql}, the first at index {@code first}; returns the index after
   * the last. Does nothing if there is nothing to store.
   */
  public static int bind(
      PreparedStatement st,
      int first,
      String connectorId,
      Long runId,
      List<RejectedRecord> rejected)
      throws SQLException {
    if (rejected.isEmpty()) {
      return first;
    }
    int n = rejected.size();
    String[] tables = new String[n];
    String[] keys = new String[n];
    String[] fields = new String[n];
    String[] reasons = new String[n];
    String[] records = new String[n];
    for (int i = 0; i < n; i++) {
      RejectedRecord r = rejected.get(i);
      tables[i] = escapeNul(r.table());
      keys[i] = escapeNul(r.key());
      fields[i] = escapeNul(r.field());
      reasons[i] = escapeNul(r.reason());
      records[i] = escapeNul(r.record());
    }
    Connection c = st.getConnection();
    int p = first;
    st.setString(p++, connectorId);
    if (runId == null) {
      st.setNull(p++, Types.BIGINT);
    } else {
      st.setLong(p++, runId);
    }
    for (String[] column : new String[][] {tables, keys, fields, reasons, records}) {
      st.setArray(p++, c.createArrayOf("text", column));
    }
    return p;
  }

  /**
   * Stores records rejected while the rows of a checkpoint were written, after its bookkeeping
   * counted those rows as written: the run's counts move them from written to rejected, in the same
   * round trip.
   *
   * @param notUpserted rows counted as upserted that were rejected
   * @param notDeleted tombstones counted as deleted that were rejected
   */
  public static void storeLate(
      Connection c,
      String connectorId,
      Long runId,
      List<RejectedRecord> rejected,
      long notUpserted,
      long notDeleted)
      throws SQLException {
    if (rejected.isEmpty()) {
      return;
    }
    String sql = INSERT + (runId == null ? "" : ";\n" + RECOUNT);
    try (PreparedStatement st = c.prepareStatement(sql)) {
      int p = bind(st, 1, connectorId, runId, rejected);
      if (runId != null) {
        st.setLong(p++, notUpserted);
        st.setLong(p++, notDeleted);
        st.setLong(p++, rejected.size());
        st.setLong(p++, rejected.size());
        st.setLong(p, runId);
      }
      st.execute();
    }
  }

  /** PostgreSQL text cannot hold NUL: each is kept visible as six characters, backslash-u-0000. */
  static String escapeNul(String s) {
    return s.indexOf('\0') < 0 ? s : s.replace("\0", "\\u0000");
  }

  private static String escapeNul(Optional<String> s) {
    return s.map(RejectedStore::escapeNul).orElse(null);
  }
}
