package dev.pfsync.postgres;

import java.time.Instant;
import java.util.Optional;

/**
 * What a destination table holds, for summaries.
 *
 * @param rows rows in the table, tombstones included
 * @param deleted rows marked deleted
 * @param oldest smallest cursor value present
 * @param newest largest cursor value present
 */
public record TableStats(
    long rows, long deleted, Optional<Instant> oldest, Optional<Instant> newest) {}
