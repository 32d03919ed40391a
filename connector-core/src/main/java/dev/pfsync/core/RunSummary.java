package dev.pfsync.core;

import java.time.Duration;
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
}
