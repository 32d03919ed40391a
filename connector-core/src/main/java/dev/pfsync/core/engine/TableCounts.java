package dev.pfsync.core.engine;

import dev.pfsync.core.TableSummary;

/** Mutable row counts of one table during one run. */
final class TableCounts {
  private long upserted;
  private long deleted;
  private long skipped;

  void add(long rows, long tombstones, int skippedRows) {
    upserted += rows - tombstones;
    deleted += tombstones;
    skipped += skippedRows;
  }

  TableSummary summary(String table, boolean historicalComplete) {
    return new TableSummary(table, upserted, deleted, skipped, historicalComplete);
  }
}
