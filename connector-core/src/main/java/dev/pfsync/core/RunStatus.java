package dev.pfsync.core;

/** How a run ended. */
public enum RunStatus {
  /** Still going (or the process died: a run row left in this status was never finished). */
  RUNNING,
  /** Did all it set out to do. */
  SUCCEEDED,
  /** Stopped early at a checkpoint (interrupt, time budget); resumable. */
  STOPPED,
  /** Failed; the state is at the last good checkpoint. */
  FAILED
}
