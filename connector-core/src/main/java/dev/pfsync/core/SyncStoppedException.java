package dev.pfsync.core;

/**
 * The sync was asked to stop while the source was waiting or reading; nothing of the page in
 * progress was checkpointed, and the engine ends the run as stopped at its last checkpoint.
 */
public class SyncStoppedException extends SyncException {
  public SyncStoppedException(String message) {
    super(message);
  }
}
