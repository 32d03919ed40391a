package dev.pfsync.core;

/**
 * What one run did to one table.
 *
 * @param table the table
 * @param upserted rows inserted or updated (tombstones excluded)
 * @param deleted tombstones applied
 * @param rejected records not loaded (kept in the destination's rejected records)
 * @param historicalComplete whether the table's backfill is complete after the run
 */
public record TableSummary(
    String table, long upserted, long deleted, long rejected, boolean historicalComplete) {}
