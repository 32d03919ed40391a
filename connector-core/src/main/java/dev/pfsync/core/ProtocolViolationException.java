package dev.pfsync.core;

/**
 * The source broke its paging contract (not JSON, no {@code data}, {@code has_more} with an empty
 * page, a {@code next} that does not advance, rows out of range or order). Permanent: the run fails
 * and the state stays at the last good checkpoint.
 */
public class ProtocolViolationException extends SyncException {
  public ProtocolViolationException(String message) {
    super(message);
  }

  public ProtocolViolationException(String message, Throwable cause) {
    super(message, cause);
  }
}
