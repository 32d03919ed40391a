package dev.pfsync.core.engine;

import dev.pfsync.core.RejectedLimit;
import dev.pfsync.core.RejectedRecord;
import dev.pfsync.core.TableBinding;
import dev.pfsync.core.TooManyRejectedException;
import java.util.List;
import java.util.Map;

/**
 * Holds a run to its {@code --max-rejected}: before a checkpoint commits, the run's rejected
 * records with this checkpoint's are measured against the records read, and a checkpoint that
 * crosses the limit is refused with a message naming the field and an example.
 */
final class RejectedTally {
  private final RejectedLimit limit;
  private final Map<String, TableCounts> committed;

  RejectedTally(RejectedLimit limit, Map<String, TableCounts> committed) {
    this.limit = limit;
    this.committed = committed;
  }

  /**
   * Checks the run with one more checkpoint of {@code table}: {@code records} read, {@code
   * rejected} among them.
   *
   * @throws TooManyRejectedException if the run then rejected more than the limit allows
   */
  void check(TableBinding table, long records, List<RejectedRecord> rejected) {
    if (rejected.isEmpty()) {
      return;
    }
    long runRecords = records;
    long runRejected = rejected.size();
    for (TableCounts c : committed.values()) {
      runRecords += c.records();
      runRejected += c.rejected();
    }
    if (!limit.exceeded(runRejected, runRecords)) {
      return;
    }
    RejectedRecord example = rejected.get(0);
    throw new TooManyRejectedException(
        "table "
            + table.table()
            + ": "
            + runRejected
            + " of "
            + runRecords
            + " records read in this run were rejected, more than --max-rejected "
            + limit
            + " allows; for example "
            + example.describe()
            + " (the source may have changed a format; nothing of this page was committed)");
  }
}
