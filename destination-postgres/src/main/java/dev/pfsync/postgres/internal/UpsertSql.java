package dev.pfsync.postgres.internal;

import java.util.List;
import java.util.StringJoiner;

/**
 * The SQL that writes one table for one column set; no value ever goes in it.
 *
 * @param copyTarget COPY straight into the table (the insert-only fast path)
 * @param copyTargetBinary the same in binary format (the streaming fast path)
 * @param createStage creates the temporary staging table, dropped at commit (an earlier one of the
 *     same transaction is dropped first)
 * @param copyStage COPY into the staging table
 * @param upsertDistinct upsert from staging keeping, per key, the newest version of the batch
 */
public record UpsertSql(
    String copyTarget,
    String copyTargetBinary,
    String createStage,
    String copyStage,
    String upsertDistinct) {

  static final String SEQ = "_pfsync_seq";

  /**
   * @param model the target table
   * @param columns the data columns written (all of the table's, in order)
   * @param stage the temporary staging table's name
   */
  public static UpsertSql of(TableModel model, List<String> columns, String stage) {
    String stageName = "pg_temp." + Identifiers.quote(stage);
    String cols = TableDdl.quotedList(columns) + ", " + Identifiers.quote(TableModel.DELETED);
    String syncedAt = Identifiers.quote(TableModel.SYNCED_AT);
    String seq = Identifiers.quote(SEQ);
    String keys = TableDdl.quotedList(model.keyColumns());
    String cursor = Identifiers.quote(model.cursorColumn());

    String copyTarget = "COPY " + model.qualifiedName() + " (" + cols + ") FROM STDIN";
    String createStage =
        "DROP TABLE IF EXISTS "
            + stageName
            + "; CREATE TEMP TABLE "
            + Identifiers.quote(stage)
            + " ON COMMIT DROP AS SELECT "
            + cols
            + ", 0::bigint AS "
            + seq
            + " FROM "
            + model.qualifiedName()
            + " WITH NO DATA";
    String copyStage = "COPY " + stageName + " (" + cols + ", " + seq + ") FROM STDIN";

    StringJoiner updates = new StringJoiner(", ");
    for (String column : columns) {
      if (!model.keyColumns().contains(column)) {
        String q = Identifiers.quote(column);
        updates.add(q + " = EXCLUDED." + q);
      }
    }
    String deleted = Identifiers.quote(TableModel.DELETED);
    updates.add(deleted + " = EXCLUDED." + deleted);
    updates.add(syncedAt + " = EXCLUDED." + syncedAt);
    String insert = "INSERT INTO " + model.qualifiedName() + " AS t (" + cols + ", " + syncedAt;
    // The WHERE keeps an older version from overwriting a newer one already stored.
    String onConflict =
        " ON CONFLICT ("
            + keys
            + ") DO UPDATE SET "
            + updates
            + " WHERE t."
            + cursor
            + " <= EXCLUDED."
            + cursor
            + " OR t."
            + cursor
            + " IS NULL";
    // DISTINCT ON keeps, per key, the newest version in the batch (the last sent on a tie).
    String upsertDistinct =
        insert
            + ") SELECT DISTINCT ON ("
            + keys
            + ") "
            + cols
            + ", now() FROM "
            + stageName
            + " ORDER BY "
            + keys
            + ", "
            + cursor
            + " DESC NULLS LAST, "
            + seq
            + " DESC"
            + onConflict;
    return new UpsertSql(
        copyTarget, copyTarget + " (FORMAT binary)", createStage, copyStage, upsertDistinct);
  }
}
