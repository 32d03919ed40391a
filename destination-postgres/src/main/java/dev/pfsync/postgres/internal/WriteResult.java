package dev.pfsync.postgres.internal;

import dev.pfsync.core.RejectedRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * What one table's rows of a checkpoint did: rows sent as upserts and as tombstones, and the
 * records of rows not written because PostgreSQL cannot hold them as they are.
 */
public record WriteResult(
    long upserted, long deleted, long nulsStripped, List<RejectedRecord> rejected) {
  public static final WriteResult NONE = new WriteResult(0, 0, 0, List.of());

  public WriteResult {
    rejected = List.copyOf(rejected);
  }

  public WriteResult plus(WriteResult other) {
    List<RejectedRecord> both = new ArrayList<>(rejected);
    both.addAll(other.rejected);
    return new WriteResult(
        upserted + other.upserted,
        deleted + other.deleted,
        nulsStripped + other.nulsStripped,
        both);
  }
}
