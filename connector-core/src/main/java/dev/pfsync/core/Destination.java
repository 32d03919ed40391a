package dev.pfsync.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

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

  /** Records the start of a run in the given mode; counts of later checkpoints go to it. */
  void startRun(SyncMode mode);

  /** Applies the checkpoint's rows and state in one transaction. */
  void apply(Checkpoint checkpoint);

  /**
   * Applies the rows of one table as {@code rows} yields them, then the checkpoint that {@code
   * after} returns once they are all read (its state and skipped count; its changes, if any, too),
   * all in one transaction: a destination can write the first rows while later ones are still being
   * read. If {@code rows} or {@code after} throws, nothing is applied and the exception propagates.
   * The default reads all rows first and then calls {@link #apply(Checkpoint)}.
   */
  default void apply(String table, RowStream rows, Supplier<Checkpoint> after) {
    List<Row> read = new ArrayList<>();
    for (Row row = rows.next(); row != null; row = rows.next()) {
      read.add(row);
    }
    Checkpoint end = after.get();
    List<TableChanges> changes = new ArrayList<>();
    if (!read.isEmpty()) {
      changes.add(new TableChanges(table, read));
    }
    changes.addAll(end.changes());
    apply(new Checkpoint(changes, end.stateJson(), end.rowsSkipped()));
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
