package dev.pfsync.mockapi.data;

import java.util.List;

/** What one mutation batch changed, ids sorted; all stamped at {@code now} (epoch seconds). */
public record MutationResult(
    long now,
    List<String> updated,
    List<String> inserted,
    List<String> deleted,
    List<Long> ordersUpdated,
    List<Long> ordersInserted) {}
