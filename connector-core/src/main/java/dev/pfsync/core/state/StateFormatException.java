package dev.pfsync.core.state;

import dev.pfsync.core.SyncException;

/**
 * The stored state JSON cannot be read (malformed, or written by an unknown version). Permanent:
 * reset the state, or run the pfsync version that wrote it.
 */
public class StateFormatException extends SyncException {
  public StateFormatException(String message) {
    super(message);
  }

  public StateFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
