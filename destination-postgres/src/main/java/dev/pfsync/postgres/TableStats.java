package dev.pfsync.postgres;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a destination table holds, for summaries.
 *
 * @param rows rows in the table, tombstones included (the planner's estimate if not {@code exact})
 * @param deleted rows marked deleted (0 if not {@code exact})
 * @param oldest smallest cursor value present (empty if not {@code exact})
 * @param newest largest cursor value present (empty if not {@code exact})
 * @param exact whether the table was counted; false when counting took too long
 */
public record TableStats(
    long rows, long deleted, Optional<Instant> oldest, Optional<Instant> newest, boolean exact) {
  /** How long an exact count may take before the planner's estimate is given instead. */
  public static final Duration COUNT_LIMIT = Duration.ofSeconds(2);
}
