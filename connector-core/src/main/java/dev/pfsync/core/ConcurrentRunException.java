package dev.pfsync.core;

/** Another process is already running this connector; nothing was changed. */
public class ConcurrentRunException extends SyncException {
  public ConcurrentRunException(String message) {
    super(message);
  }
}
