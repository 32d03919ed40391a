package dev.pfsync.core;

import dev.pfsync.core.engine.RunExecutor;
import dev.pfsync.core.state.SyncState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives Priority-First Sync of a set of tables from a {@link PageSource} into a {@link
 * Destination}: one run at a time, a checkpoint after every page.
 *
 * <p>The engine opens the destination (taking the connector's lock) at the first call and does not
 * close it: the caller owns the destination and the page source. A failed run rethrows its
 * exception after recording it; the stored state stays at the last applied checkpoint. Not
 * thread-safe, except {@link #requestStop()}; once a stop is requested the engine stays stopped.
 */
public final class SyncEngine {
  private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

  private final RunExecutor executor;
  private final PageSource source;
  private final List<String> names;
  private final SyncSettings settings;
  private final Clock clock;
  private final Object wakeUp = new Object();
  private volatile boolean stopRequested;

  /** An engine that fetches each page after the previous one is checkpointed (no prefetch). */
  public SyncEngine(
      List<TableBinding> tables,
      PageSource source,
      Destination destination,
      SyncSettings settings,
      Clock clock,
      ProgressListener listener) {
    this(tables, source, destination, settings, clock, listener, false);
  }

  /**
   * An engine that, with {@code prefetch}, fetches the next page while the current one is being
   * checkpointed: one background thread, at most one page in flight, so memory stays flat. Every
   * page is still checked by the pager and still checkpointed with its rows in one transaction; a
   * failure of the fetch ahead surfaces as the same exception when its page is needed, and {@link
   * #requestStop()} still stops at a checkpoint (a page fetched ahead is then dropped). The price:
   * after a crash while page N is checkpointed, the restart re-reads page N, and the source also
   * sees page N+1 requested again, since its first fetch was never checkpointed. Nothing is lost or
   * duplicated in the destination either way.
   */
  public SyncEngine(
      List<TableBinding> tables,
      PageSource source,
      Destination destination,
      SyncSettings settings,
      Clock clock,
      ProgressListener listener,
      boolean prefetch) {
    this(tables, source, destination, settings, clock, listener, prefetch, null);
  }

  /** An engine whose waits for a destination that went away are {@code pause}'s (tests). */
  SyncEngine(
      List<TableBinding> tables,
      PageSource source,
      Destination destination,
      SyncSettings settings,
      Clock clock,
      ProgressListener listener,
      Consumer<Duration> pause) {
    this(tables, source, destination, settings, clock, listener, false, pause);
  }

  private SyncEngine(
      List<TableBinding> tables,
      PageSource source,
      Destination destination,
      SyncSettings settings,
      Clock clock,
      ProgressListener listener,
      boolean prefetch,
      Consumer<Duration> pause) {
    this.source = Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("at least one table must be bound");
    }
    this.executor =
        new RunExecutor(
            tables,
            source,
            destination,
            settings,
            clock,
            Objects.requireNonNull(listener),
            pause == null ? this::waitFor : pause,
            prefetch);
    this.names = executor.tableNames();
  }

  /**
   * One scheduled run, as the seed: incremental if the state says so (or history is complete),
   * otherwise historical; then flips the mode and checkpoints. Bounded by max-duration.
   */
  public RunSummary runOnce() {
    if (stopRequested) {
      return stoppedBeforeStart();
    }
    SyncMode mode = executor.state().runMode(names);
    return executor.run(mode, settings.maxDuration(), true, this::isStopRequested);
  }

  /**
   * Runs until the historical backfill is complete, interleaving an incremental run after at most
   * {@code slice} of historical work, and ends with an incremental run.
   */
  public RunSummary runUntilComplete(Duration slice) {
    requirePositive("slice", slice);
    RunSummary total = null;
    while (!stopRequested) {
      SyncState state = executor.state();
      boolean complete = state.historyComplete(names);
      RunSummary run =
          state.runMode(names) == SyncMode.HISTORICAL ? historicalRun(slice) : incrementalRun();
      total = total == null ? run : total.plus(run);
      if (complete) {
        return stopRequested ? stopped(total) : total;
      }
    }
    return total == null ? stoppedBeforeStart() : stopped(total);
  }

  /**
   * Keeps running until {@link #requestStop()}: an incremental run, then historical work for the
   * rest of the {@code interval} while history is incomplete, then waits until {@code interval} has
   * passed since the incremental run started. A run that fails with a {@link RetriableException}
   * (the API or the database down longer than the retries last) is logged and tried again at the
   * next interval; any other failure ends the call.
   */
  public RunSummary follow(Duration interval) {
    requirePositive("interval", interval);
    RunSummary total = null;
    while (!stopRequested) {
      Instant started = clock.instant();
      try {
        RunSummary run = incrementalRun();
        total = total == null ? run : total.plus(run);
        Duration left = interval.minus(Duration.between(started, clock.instant()));
        if (!stopRequested
            && !left.isNegative()
            && !left.isZero()
            && !executor.state().historyComplete(names)) {
          total = total.plus(historicalRun(left));
        }
      } catch (RetriableException e) {
        // A daemon outlives outages: the run is recorded as failed at its last checkpoint, and
        // the next interval tries again. Permanent errors still end follow().
        LOG.warn("run failed, trying again in {}: {}", interval, e.getMessage());
      }
      waitFor(interval.minus(Duration.between(started, clock.instant())));
    }
    return total == null ? stoppedBeforeStart() : stopped(total);
  }

  /**
   * Asks the engine to stop at the next checkpoint; the current call returns with status {@link
   * RunStatus#STOPPED}. A wait of the source (a long {@code Retry-After}) or a page in flight ends
   * at once; what it would have brought was not checkpointed and is read by the next run. Safe to
   * call from any thread (e.g. a shutdown hook).
   */
  public void requestStop() {
    stopRequested = true;
    synchronized (wakeUp) {
      wakeUp.notifyAll();
    }
    source.stop();
  }

  private boolean isStopRequested() {
    return stopRequested;
  }

  private RunSummary incrementalRun() {
    return executor.run(SyncMode.INCREMENTAL, settings.maxDuration(), true, this::isStopRequested);
  }

  private RunSummary historicalRun(Duration slice) {
    boolean capped = settings.maxDuration().compareTo(slice) <= 0;
    Duration budget = capped ? settings.maxDuration() : slice;
    return executor.run(SyncMode.HISTORICAL, budget, capped, this::isStopRequested);
  }

  // Waits in real time (the injected clock only says how long), so a stop wakes it at once.
  private void waitFor(Duration wait) {
    long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
    synchronized (wakeUp) {
      long left;
      while (!stopRequested && (left = deadline - System.nanoTime()) > 0) {
        try {
          wakeUp.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopRequested = true;
        }
      }
    }
  }

  // A stop requested between runs ends the call as STOPPED even though the last run completed.
  private static RunSummary stopped(RunSummary total) {
    if (total.status() != RunStatus.SUCCEEDED) {
      return total;
    }
    return new RunSummary(
        total.modes(),
        RunStatus.STOPPED,
        total.tables(),
        total.duration(),
        Optional.of("stop requested"));
  }

  private static RunSummary stoppedBeforeStart() {
    return new RunSummary(
        List.of(), RunStatus.STOPPED, List.of(), Duration.ZERO, Optional.of("stop requested"));
  }

  private static void requirePositive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new ConfigurationException(name + " must be greater than 0, was " + d);
    }
  }
}
