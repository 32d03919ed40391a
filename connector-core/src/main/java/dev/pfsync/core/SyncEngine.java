package dev.pfsync.core;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Drives Priority-First Sync of a set of tables from a {@link PageSource} into a {@link
 * Destination}: one run at a time, a checkpoint after every page.
 *
 * <p>The engine opens the destination (taking the connector's lock) at the first call and does not
 * close it: the caller owns the destination and the page source.
 */
public final class SyncEngine {
  private final List<TableBinding> tables;
  private final PageSource source;
  private final Destination destination;
  private final SyncSettings settings;
  private final Clock clock;
  private final ProgressListener listener;

  public SyncEngine(
      List<TableBinding> tables,
      PageSource source,
      Destination destination,
      SyncSettings settings,
      Clock clock,
      ProgressListener listener) {
    this.tables = List.copyOf(tables);
    this.source = source;
    this.destination = destination;
    this.settings = settings;
    this.clock = clock;
    this.listener = listener;
  }

  /**
   * One scheduled run, as the seed: incremental if the state says so (or history is complete),
   * otherwise historical; then flips the mode and checkpoints.
   */
  public RunSummary runOnce() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Runs until the historical backfill is complete, interleaving an incremental run after at most
   * {@code slice} of historical work, and ends with an incremental run.
   */
  public RunSummary runUntilComplete(Duration slice) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Keeps running (remaining historical work, and an incremental run at least every {@code
   * interval}) until {@link #requestStop()}.
   */
  public RunSummary follow(Duration interval) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Asks the engine to stop at the next checkpoint; the current call returns with status {@link
   * RunStatus#STOPPED}. Safe to call from any thread (e.g. a shutdown hook).
   */
  public void requestStop() {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
