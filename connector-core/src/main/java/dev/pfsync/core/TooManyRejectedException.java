package dev.pfsync.core;

/**
 * A run rejected more records than {@code --max-rejected} allows: the checkpoint that crossed the
 * limit was not committed, the state stays at the previous one. Permanent until the source or the
 * declared schema changes (an API that changed a format must not end as an empty table).
 */
public class TooManyRejectedException extends SyncException {
  public TooManyRejectedException(String message) {
    super(message);
  }
}
