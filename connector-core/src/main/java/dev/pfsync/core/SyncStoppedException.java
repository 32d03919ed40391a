package dev.pfsync.core;

/**
 * The sync was asked to stop while the source was waiting or reading; nothing of the page in
 * progress was checkpointed. Not a failure of the source: the run ends at its last checkpoint.
 */
public class SyncStoppedException extends SyncException {
  public SyncStoppedException(String message) {
    super(message);
  }

  public SyncStoppedException(String message, Throwable cause) {
    super(message, cause);
  }
}
