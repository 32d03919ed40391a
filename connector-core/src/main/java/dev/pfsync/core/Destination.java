package dev.pfsync.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where synced rows go: the SPI a destination implements.
 *
 * <p>The destination owns the state: it stores the connector's state JSON together with the rows of
 * each {@link Checkpoint}, atomically, so a crash at any instant leaves rows and state consistent.
 * Lifecycle: {@link #open} once, then for each run {@link #startRun}, any number of {@link #apply},
 * {@link #finishRun}; finally {@link #close}.
 */
public interface Destination extends AutoCloseable {

  /**
   * Opens the destination for one connector: takes its exclusive run lock, creates or evolves the
   * declared tables, and returns the stored state.
   *
   * @return the state JSON of the last checkpoint, or empty if this connector never checkpointed
   * @throws ConcurrentRunException if another process holds this connector's lock
   */
  Optional<String> open(String connectorId, List<TableSchema> tables);

  /** Where this destination writes the data tables (a database schema), if it has such a name. */
  default Optional<String> schema() {
    return Optional.empty();
  }

  /** Records the start of a run in the given mode; counts of later checkpoints go to it. */
  void startRun(SyncMode mode);

  /** Applies the checkpoint's rows, rejected records and state in one transaction. */
  void apply(Checkpoint checkpoint);

  /**
   * Applies the rows of one table as {@code rows} yields them, then the checkpoint that {@code
   * after} returns once they are all read (its state and rejected records; its changes, if any,
   * too), all in one transaction: a destination can write the first rows while later ones are still
   * being read. {@code after} receives the rows of the stream the destination cannot store (not
   * written, to be rejected), so the caller can count them and include them in the checkpoint. If
   * {@code rows} or {@code after} throws, nothing is applied and the exception propagates. The
   * default reads all rows first and then calls {@link #apply(Checkpoint)}, rejecting nothing.
   */
  default void apply(
      String table, RowStream rows, Function<List<RejectedRecord>, Checkpoint> after) {
    List<Row> read = new ArrayList<>();
    for (Row row = rows.next(); row != null; row = rows.next()) {
      read.add(row);
    }
    Checkpoint end = after.apply(List.of());
    List<TableChanges> changes = new ArrayList<>();
    if (!read.isEmpty()) {
      changes.add(new TableChanges(table, read));
    }
    changes.addAll(end.changes());
    apply(new Checkpoint(changes, end.stateJson(), end.rejected()));
  }

  /**
   * Re-reads this connector's stored state from the database, reconnecting if needed (the
   * connector's lock is then taken again). The engine calls it after a {@link
   * DestinationUnavailableException}: the checkpoint that failed may or may not have committed, and
   * only the stored state says which.
   *
   * @return the state JSON of the last committed checkpoint, or empty if there is none
   * @throws ConcurrentRunException if another process took this connector's lock meanwhile
   */
  Optional<String> reloadState();

  /** Records how the current run ended. */
  void finishRun(RunStatus status, Optional<String> message);

  /** Releases the lock and connections. Never throws for an already closed destination. */
  @Override
  void close();
}
