package dev.pfsync.core;

import java.util.List;
import java.util.Objects;

/**
 * The unit of work of a {@link Destination}: the rows read since the last checkpoint, the records
 * rejected among them, and the state that records having read them. A destination applies all of it
 * atomically, or nothing.
 *
 * @param changes rows per table (may be empty: a checkpoint can move only the state)
 * @param stateJson the connector state after these rows, as JSON; stored as is
 * @param rejected records not loaded, to be kept (and counted) with this checkpoint
 */
public record Checkpoint(
    List<TableChanges> changes, String stateJson, List<RejectedRecord> rejected) {
  public Checkpoint {
    changes = List.copyOf(changes);
    Objects.requireNonNull(stateJson, "stateJson");
    rejected = List.copyOf(rejected);
  }

  /** A checkpoint that moves only the state. */
  public static Checkpoint stateOnly(String stateJson) {
    return new Checkpoint(List.of(), stateJson, List.of());
  }
}
