package dev.pfsync.core.engine;

import dev.pfsync.core.Checkpoint;
import dev.pfsync.core.Destination;
import dev.pfsync.core.DestinationUnavailableException;
import dev.pfsync.core.PageInterruptedException;
import dev.pfsync.core.Progress;
import dev.pfsync.core.ProgressListener;
import dev.pfsync.core.RejectedRecord;
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
import java.util.ArrayList;
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
  private final SourceClock sourceClock;
  private final Recovery recovery;
  private final Consumer<SyncState> onCommit;
  private final Map<String, TableCounts> counts = new LinkedHashMap<>();
  private final RejectedTally rejected;
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
    this.sourceClock = wiring.sourceClock();
    this.recovery = new Recovery(wiring.destination(), wiring.pause(), stopRequested);
    this.state = state;
    this.onCommit = onCommit;
    this.start = clock.instant();
    wiring.tables().forEach(t -> counts.put(t.table(), new TableCounts()));
    this.rejected = new RejectedTally(settings.maxRejected(), counts);
  }

  Instant start() {
    return start;
  }

  /** The earlier of the run's start and the source's clock at that instant, as last seen. */
  Instant sourceStart() {
    return sourceClock.earlierOf(start);
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

  /** A page as committed: the state after it and what it counted. */
  private record Applied(
      CheckedPage page, SyncState next, List<RejectedRecord> rejected, int unstorable) {}

  /**
   * Applies one page, as it is read, with the state after it and its rejected records as one
   * checkpoint, then reports progress. If the page's stream breaks off mid-body, the checkpoint is
   * void and the page is read again, whole, once. If the destination's connection dies, the state
   * is read again from the destination and the page applied again unless its commit made it.
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
    SyncState before = state;
    Applied applied;
    for (int attempt = 1; ; attempt++) {
      Applied[] pending = new Applied[1];
      try {
        applied = applyOnce(table, streamed, whole, after, pending);
        break;
      } catch (DestinationUnavailableException e) {
        SyncState stored = recovery.reload(e, attempt);
        if (pending[0] != null && stored.equals(pending[0].next())) {
          LOG.info(
              "table {}: the checkpoint committed before the connection was lost", table.table());
          applied = pending[0];
          break;
        }
        recovery.requireUnchanged(stored, before, e);
        LOG.warn("table {}: {}; applying the page again", table.table(), e.getMessage());
      }
    }
    committed(applied.next());
    count(table, applied);
    listener.checkpointed(progress(table.table(), windowStart, windowEnd));
    return applied.page();
  }

  private Applied applyOnce(
      TableBinding table,
      PageOpener streamed,
      PageOpener whole,
      Function<CheckedPage, SyncState> after,
      Applied[] pending) {
    try {
      return apply(table, streamed.open(), after, pending);
    } catch (PageInterruptedException e) {
      LOG.warn("{}; reading the page again", e.getMessage());
      return apply(table, whole.open(), after, pending);
    }
  }

  private Applied apply(
      TableBinding table,
      CheckedPage page,
      Function<CheckedPage, SyncState> after,
      Applied[] pending) {
    try (page) {
      destination.apply(
          table.table(),
          page,
          unstorable -> {
            sourceClock.observed(page.serverTime());
            SyncState next = after.apply(page);
            List<RejectedRecord> all = new ArrayList<>(page.rejected());
            all.addAll(unstorable);
            Applied a = new Applied(page, next, all, unstorable.size());
            rejected.check(table, a.page().rows() + page.rejected().size(), all);
            pending[0] = a;
            return new Checkpoint(List.of(), StateCodec.encode(next), all);
          });
    }
    return pending[0];
  }

  private void count(TableBinding table, Applied a) {
    long tombstones = a.page().deleted();
    long upserted = Math.max(0, a.page().rows() - tombstones - a.unstorable());
    counts.get(table.table()).add(upserted, tombstones, a.rejected().size());
    rows += upserted + tombstones;
    for (int i = a.rejected().size() - a.unstorable(); i < a.rejected().size(); i++) {
      LOG.warn("rejected a record: {}", a.rejected().get(i).describe());
    }
  }

  /** Applies a checkpoint that moves only the state (re-read and retried like a page). */
  void checkpointState(SyncState next) {
    SyncState before = state;
    for (int attempt = 1; ; attempt++) {
      try {
        destination.apply(Checkpoint.stateOnly(StateCodec.encode(next)));
        break;
      } catch (DestinationUnavailableException e) {
        SyncState stored = recovery.reload(e, attempt);
        if (stored.equals(next)) {
          break;
        }
        recovery.requireUnchanged(stored, before, e);
      }
    }
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
