package dev.pfsync.core;

import java.time.Instant;
import java.util.Optional;

/**
 * A progress report, sent after every checkpoint.
 *
 * @param table the table being synced
 * @param mode the run's mode
 * @param windowStart start of the slice being filled (inclusive)
 * @param windowEnd end of the slice being filled (exclusive; for incremental runs: now - settle)
 * @param rows rows (upserts and tombstones) applied in this run so far, all tables
 * @param rowsPerSecond rows applied per second of this run so far
 * @param backfillFraction share of the history [limit, start point] covered, 0..1
 */
public record Progress(
    String table,
    SyncMode mode,
    Instant windowStart,
    Optional<Instant> windowEnd,
    long rows,
    double rowsPerSecond,
    double backfillFraction) {}
