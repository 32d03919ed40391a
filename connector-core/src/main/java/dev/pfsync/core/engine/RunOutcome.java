package dev.pfsync.core.engine;

/** Why the work of a run ended (always at a checkpoint). */
enum RunOutcome {
  /** Did everything the mode asks for. */
  COMPLETED,
  /** The run's time budget was spent. */
  BUDGET_SPENT,
  /** {@code requestStop()} was called. */
  STOP_REQUESTED
}
