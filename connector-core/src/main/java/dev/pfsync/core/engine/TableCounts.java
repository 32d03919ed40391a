package dev.pfsync.core.engine;

import dev.pfsync.core.TableSummary;

/** Mutable row counts of one table during one run. */
final class TableCounts {
  private long upserted;
  private long deleted;
  private long rejected;

  void add(long upsertedRows, long tombstones, long rejectedRecords) {
    upserted += upsertedRows;
    deleted += tombstones;
    rejected += rejectedRecords;
  }

  /** Records read: loaded ones and rejected ones. */
  long records() {
    return upserted + deleted + rejected;
  }

  long rejected() {
    return rejected;
  }

  TableSummary summary(String table, boolean historicalComplete) {
    return new TableSummary(table, upserted, deleted, rejected, historicalComplete);
  }
}
