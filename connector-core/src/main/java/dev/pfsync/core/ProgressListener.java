package dev.pfsync.core;

/** Receives the sync engine's reports; called on the engine's thread, so keep it quick. */
public interface ProgressListener {

  /** A run in this mode starts. */
  default void runStarted(SyncMode mode) {}

  /** A checkpoint was applied. */
  default void checkpointed(Progress progress) {}

  /** A run ended. */
  default void runFinished(RunSummary summary) {}

  /** A listener that ignores everything. */
  static ProgressListener none() {
    return new ProgressListener() {};
  }
}
