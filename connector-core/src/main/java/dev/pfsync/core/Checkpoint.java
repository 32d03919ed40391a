package dev.pfsync.core;

import java.util.List;
import java.util.Objects;

/**
 * The unit of work of a {@link Destination}: the rows read since the last checkpoint and the state
 * that records having read them. A destination applies both atomically, or neither.
 *
 * @param changes rows per table (may be empty: a checkpoint can move only the state)
 * @param stateJson the connector state after these rows, as JSON; stored as is
 * @param rowsSkipped bad source records skipped since the last checkpoint (for the run's counts)
 */
public record Checkpoint(List<TableChanges> changes, String stateJson, long rowsSkipped) {
  public Checkpoint {
    changes = List.copyOf(changes);
    Objects.requireNonNull(stateJson, "stateJson");
    if (rowsSkipped < 0) {
      throw new IllegalArgumentException("rowsSkipped cannot be negative");
    }
  }
}
