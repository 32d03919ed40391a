package dev.pfsync.postgres.internal;

/** What one table's rows of a checkpoint did: rows sent as upserts and as tombstones. */
public record WriteResult(long upserted, long deleted, long nulsStripped) {
  public static final WriteResult NONE = new WriteResult(0, 0, 0);

  public WriteResult plus(WriteResult other) {
    return new WriteResult(
        upserted + other.upserted, deleted + other.deleted, nulsStripped + other.nulsStripped);
  }
}
