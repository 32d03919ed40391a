package dev.pfsync.core;

/**
 * A transient failure (connect error, timeout, HTTP 5xx or 429, serialization failure or lost
 * database connection): the same operation may succeed if tried again.
 */
public class RetriableException extends SyncException {
  public RetriableException(String message) {
    super(message);
  }

  public RetriableException(String message, Throwable cause) {
    super(message, cause);
  }
}
