package dev.pfsync.core.engine;

import dev.pfsync.core.Checkpoint;
import dev.pfsync.core.Destination;
import dev.pfsync.core.PageInterruptedException;
import dev.pfsync.core.Progress;
import dev.pfsync.core.ProgressListener;
import dev.pfsync.core.RunStatus;
import dev.pfsync.core.RunSummary;
import dev.pfsync.core.SyncMode;
import dev.pfsync.core.SyncSettings;
import dev.pfsync.core.TableBinding;
import dev.pfsync.core.paging.CheckedPage;
import dev.pfsync.core.state.StateCodec;
import dev.pfsync.core.state.SyncState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run in progress: its working state (always equal to the last applied checkpoint), counts,
 * budget and stop flag. Every state change goes to the destination with the rows that justify it.
 */
final class RunContext {
  private static final Logger LOG = LoggerFactory.getLogger(RunContext.class);

  private final SyncMode mode;
  private final Instant start;
  private final Duration budget;
  private final BooleanSupplier stopRequested;
  private final Destination destination;
  private final ProgressListener listener;
  private final Clock clock;
  private final SyncSettings settings;
  private final Consumer<SyncState> onCommit;
  private final Map<String, TableCounts> counts = new LinkedHashMap<>();
  private SyncState state;
  private long pages;
  private long rows;

  RunContext(
      SyncMode mode,
      Duration budget,
      BooleanSupplier stopRequested,
      RunExecutor.Wiring wiring,
      SyncState state,
      Consumer<SyncState> onCommit) {
    this.mode = mode;
    this.budget = budget;
    this.stopRequested = stopRequested;
    this.destination = wiring.destination();
    this.listener = wiring.listener();
    this.clock = wiring.clock();
    this.settings = wiring.settings();
    this.state = state;
    this.onCommit = onCommit;
    this.start = clock.instant();
    wiring.tables().forEach(t -> counts.put(t.table(), new TableCounts()));
  }

  Instant start() {
    return start;
  }

  SyncState state() {
    return state;
  }

  SyncSettings settings() {
    return settings;
  }

  /** Pages checkpointed in this run so far. */
  long pages() {
    return pages;
  }

  /**
   * Why no further page may be fetched, if so.
   *
   * @param budgetApplies whether the time budget may end the run here; passes allow it only after
   *     progress, so that every run moves a cursor forward and repeated runs terminate
   */
  Optional<RunOutcome> interruption(boolean budgetApplies) {
    if (stopRequested.getAsBoolean()) {
      return Optional.of(RunOutcome.STOP_REQUESTED);
    }
    if (budgetApplies && Duration.between(start, clock.instant()).compareTo(budget) >= 0) {
      return Optional.of(RunOutcome.BUDGET_SPENT);
    }
    return Optional.empty();
  }

  /** Opens one page; a pass gives two: as a stream, and whole for a re-read. */
  interface PageOpener {
    CheckedPage open();
  }

  /**
   * Applies one page, as it is read, with the state after it as one checkpoint, then reports
   * progress. If the page's stream breaks off mid-body, the checkpoint is void and the page is read
   * again, whole, once.
   *
   * @param after the state once the whole page is read (called before the checkpoint commits)
   * @return the page as applied, read to its end
   */
  CheckedPage checkpoint(
      TableBinding table,
      PageOpener streamed,
      PageOpener whole,
      Function<CheckedPage, SyncState> after,
      Instant windowStart,
      Instant windowEnd) {
    pages++;
    CheckedPage page;
    SyncState next;
    try {
      page = streamed.open();
      next = apply(table, page, after);
    } catch (PageInterruptedException e) {
      LOG.warn("{}; reading the page again", e.getMessage());
      page = whole.open();
      next = apply(table, page, after);
    }
    committed(next);
    counts.get(table.table()).add(page.rows(), page.deleted(), page.skipped());
    rows += page.rows();
    listener.checkpointed(progress(table.table(), windowStart, windowEnd));
    return page;
  }

  private SyncState apply(
      TableBinding table, CheckedPage page, Function<CheckedPage, SyncState> after) {
    SyncState[] next = new SyncState[1];
    try (page) {
      destination.apply(
          table.table(),
          page,
          () -> {
            next[0] = after.apply(page);
            return new Checkpoint(List.of(), StateCodec.encode(next[0]), page.skipped());
          });
    }
    return next[0];
  }

  /** Applies a checkpoint that moves only the state. */
  void checkpointState(SyncState next) {
    apply(new Checkpoint(List.of(), StateCodec.encode(next), 0), next);
  }

  private void apply(Checkpoint checkpoint, SyncState next) {
    destination.apply(checkpoint);
    committed(next);
  }

  private void committed(SyncState next) {
    state = next;
    onCommit.accept(next);
  }

  private Progress progress(String table, Instant windowStart, Instant windowEnd) {
    long millis = Duration.between(start, clock.instant()).toMillis();
    double perSecond = millis <= 0 ? 0.0 : rows * 1000.0 / millis;
    double fraction =
        state.table(table).backfillFraction(start.minus(settings.recent()), settings.window());
    return new Progress(
        table, mode, windowStart, Optional.of(windowEnd), rows, perSecond, fraction);
  }

  RunSummary summary(RunStatus status, Optional<String> message) {
    var tables =
        counts.entrySet().stream()
            .map(
                e -> e.getValue().summary(e.getKey(), state.table(e.getKey()).historicalComplete()))
            .toList();
    return new RunSummary(
        List.of(mode), status, tables, Duration.between(start, clock.instant()), message);
  }
}
