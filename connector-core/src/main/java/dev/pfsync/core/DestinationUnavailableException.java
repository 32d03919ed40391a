package dev.pfsync.core;

/**
 * The destination could not finish an operation for a transient reason: the connection died, or a
 * serialization failure or deadlock. Whatever that operation wrote is rolled back unless the commit
 * itself was lost, so the caller re-reads the state ({@link Destination#reloadState()}) before
 * going on; the destination replaces the connection on its next use.
 */
public class DestinationUnavailableException extends RetriableException {
  public DestinationUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
