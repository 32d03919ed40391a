package dev.pfsync.core.engine;

import dev.pfsync.core.Row;
import dev.pfsync.core.TableSummary;
import java.util.List;

/** Mutable row counts of one table during one run. */
final class TableCounts {
  private long upserted;
  private long deleted;
  private long skipped;

  void add(List<Row> rows, int skippedRows) {
    for (Row row : rows) {
      if (row.deleted()) {
        deleted++;
      } else {
        upserted++;
      }
    }
    skipped += skippedRows;
  }

  TableSummary summary(String table, boolean historicalComplete) {
    return new TableSummary(table, upserted, deleted, skipped, historicalComplete);
  }
}
