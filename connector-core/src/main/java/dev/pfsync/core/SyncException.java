package dev.pfsync.core;

/**
 * Root of the errors that pfsync raises. Subtypes tell the caller what to do: {@link
 * RetriableException} may succeed if tried again; anything else will not until something changes.
 */
public class SyncException extends RuntimeException {
  public SyncException(String message) {
    super(message);
  }

  public SyncException(String message, Throwable cause) {
    super(message, cause);
  }
}
