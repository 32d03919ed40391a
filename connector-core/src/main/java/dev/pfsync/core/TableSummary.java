package dev.pfsync.core;

/**
 * What one run did to one table.
 *
 * @param table the table
 * @param upserted rows inserted or updated (tombstones excluded)
 * @param deleted tombstones applied
 * @param skipped bad source records skipped
 * @param historicalComplete whether the table's backfill is complete after the run
 */
public record TableSummary(
    String table, long upserted, long deleted, long skipped, boolean historicalComplete) {}
