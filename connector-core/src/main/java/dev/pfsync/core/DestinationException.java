package dev.pfsync.core;

/**
 * The destination failed to apply or read something (permanent: schema conflict, bad data, or a
 * database error that is not transient). Transient database errors are {@link RetriableException}s.
 */
public class DestinationException extends SyncException {
  public DestinationException(String message) {
    super(message);
  }

  public DestinationException(String message, Throwable cause) {
    super(message, cause);
  }
}
