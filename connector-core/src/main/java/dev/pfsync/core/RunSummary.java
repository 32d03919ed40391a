package dev.pfsync.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The result of one run (one mode), or of several runs added together by {@link #plus}.
 *
 * @param modes the modes run, in order
 * @param status how it ended (for several runs: the last one's)
 * @param tables per-table counts
 * @param duration wall time
 * @param message why it stopped or failed, if it did
 */
public record RunSummary(
    List<SyncMode> modes,
    RunStatus status,
    List<TableSummary> tables,
    Duration duration,
    Optional<String> message) {
  public RunSummary {
    modes = List.copyOf(modes);
    tables = List.copyOf(tables);
  }

  /** Rows applied, all tables, upserts and tombstones. */
  public long rows() {
    return tables.stream().mapToLong(t -> t.upserted() + t.deleted()).sum();
  }

  /**
   * This summary followed by {@code next}: modes concatenated, counts added per table, durations
   * added; the status, message and completeness are {@code next}'s.
   */
  public RunSummary plus(RunSummary next) {
    var modesSum = new ArrayList<>(modes);
    modesSum.addAll(next.modes);
    var byTable = new LinkedHashMap<String, TableSummary>();
    for (TableSummary t : tables) {
      byTable.put(t.table(), t);
    }
    for (TableSummary t : next.tables) {
      byTable.merge(
          t.table(),
          t,
          (a, b) ->
              new TableSummary(
                  a.table(),
                  a.upserted() + b.upserted(),
                  a.deleted() + b.deleted(),
                  a.rejected() + b.rejected(),
                  b.historicalComplete()));
    }
    return new RunSummary(
        modesSum,
        next.status,
        List.copyOf(byTable.values()),
        duration.plus(next.duration),
        next.message);
  }
}
