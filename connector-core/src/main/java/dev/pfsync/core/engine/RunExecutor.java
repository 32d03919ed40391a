package dev.pfsync.core.engine;

import dev.pfsync.core.Destination;
import dev.pfsync.core.PageSource;
import dev.pfsync.core.ProgressListener;
import dev.pfsync.core.RunStatus;
import dev.pfsync.core.RunSummary;
import dev.pfsync.core.SyncMode;
import dev.pfsync.core.SyncSettings;
import dev.pfsync.core.SyncStoppedException;
import dev.pfsync.core.TableBinding;
import dev.pfsync.core.TableSchema;
import dev.pfsync.core.paging.KeysetPager;
import dev.pfsync.core.state.StateCodec;
import dev.pfsync.core.state.SyncState;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Executes single runs: opens the destination once, then for each run records its start, lets the
 * mode's pass page through the source (a checkpoint per page), writes the mode flip as the last
 * checkpoint and records how the run ended. On failure it records FAILED and rethrows; the state
 * stays at the last applied checkpoint, and the next run reads it again from the destination.
 */
public final class RunExecutor {
  /** What every run is wired to. */
  record Wiring(
      List<TableBinding> tables,
      Destination destination,
      ProgressListener listener,
      Clock clock,
      SyncSettings settings,
      SourceClock sourceClock,
      Recovery.Pause pause) {}

  private final Wiring wiring;
  private final List<String> names;
  private final IncrementalPass incremental;
  private final HistoricalPass historical;
  private final StateLoader loader;
  private final boolean prefetch;
  private SyncState committed;
  private boolean opened;

  /**
   * @param pause waits between attempts to reach a destination that went away; returns early when a
   *     stop is requested
   * @param prefetch whether passes fetch the next page while the current one is checkpointed
   */
  public RunExecutor(
      List<TableBinding> tables,
      PageSource source,
      Destination destination,
      SyncSettings settings,
      Clock clock,
      ProgressListener listener,
      java.util.function.Consumer<Duration> pause,
      boolean prefetch) {
    this.prefetch = prefetch;
    this.wiring =
        new Wiring(
            List.copyOf(tables),
            destination,
            listener,
            clock,
            settings,
            new SourceClock(clock),
            pause::accept);
    this.names = wiring.tables().stream().map(TableBinding::table).toList();
    Map<String, KeysetPager> pagers = new LinkedHashMap<>();
    for (TableBinding t : wiring.tables()) {
      if (pagers.put(t.table(), new KeysetPager(source, t, settings.pageSize())) != null) {
        throw new IllegalArgumentException("table " + t.table() + " is bound twice");
      }
    }
    this.incremental = new IncrementalPass(wiring.tables(), pagers);
    this.historical = new HistoricalPass(wiring.tables(), pagers);
    this.loader = new StateLoader(wiring.tables(), source, destination, settings, clock);
  }

  /**
   * The committed state; on the first call opens the destination and reads the stored state, after
   * a failed run reads it again (a commit whose answer was lost may have made it). Tables the state
   * does not know yet start at the current time.
   *
   * @throws dev.pfsync.core.ConfigurationException if the state was written for another destination
   *     schema or source
   */
  public SyncState state() {
    if (committed == null) {
      Optional<String> stored;
      if (opened) {
        stored = wiring.destination().reloadState();
      } else {
        List<TableSchema> schemas = wiring.tables().stream().map(TableBinding::schema).toList();
        stored = wiring.destination().open(wiring.settings().connectorId(), schemas);
        opened = true;
      }
      committed = loader.prepare(stored.map(StateCodec::decode).orElseGet(SyncState::empty));
    }
    return committed;
  }

  /** The names of the bound tables. */
  public List<String> tableNames() {
    return names;
  }

  /**
   * Executes one run.
   *
   * @param mode the run's mode
   * @param budget time after which no further page is fetched (the first always is)
   * @param budgetIsMaxDuration whether the budget is the max-duration cap (spending it then makes
   *     the run STOPPED, else the run SUCCEEDED with its planned slice)
   * @param stopRequested polled before every page
   */
  public RunSummary run(
      SyncMode mode, Duration budget, boolean budgetIsMaxDuration, BooleanSupplier stopRequested) {
    SyncState start = state();
    wiring.destination().startRun(mode);
    wiring.listener().runStarted(mode);
    var run = new RunContext(mode, budget, stopRequested, wiring, start, s -> committed = s);
    try {
      RunOutcome outcome = execute(mode, run, stopRequested);
      run.checkpointState(run.state().afterRun(mode, names));
      RunStatus status =
          outcome == RunOutcome.STOP_REQUESTED
                  || (outcome == RunOutcome.BUDGET_SPENT && budgetIsMaxDuration)
              ? RunStatus.STOPPED
              : RunStatus.SUCCEEDED;
      Optional<String> message =
          switch (outcome) {
            case STOP_REQUESTED -> Optional.of("stop requested");
            case BUDGET_SPENT ->
                budgetIsMaxDuration
                    ? Optional.of("max-duration " + budget + " spent; the next run continues")
                    : Optional.empty();
            case COMPLETED -> Optional.empty();
          };
      wiring.destination().finishRun(status, message);
      RunSummary summary = run.summary(status, message);
      wiring.listener().runFinished(summary);
      return summary;
    } catch (RuntimeException e) {
      committed = null; // read it again: the failure may have hidden whether a commit made it
      Optional<String> message = Optional.of(String.valueOf(e.getMessage()));
      try {
        wiring.destination().finishRun(RunStatus.FAILED, message);
        wiring.listener().runFinished(run.summary(RunStatus.FAILED, message));
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private RunOutcome execute(SyncMode mode, RunContext run, BooleanSupplier stopRequested) {
    try (PageFetcher fetcher = new PageFetcher(prefetch)) {
      return (mode == SyncMode.INCREMENTAL ? incremental : historical).execute(run, fetcher);
    } catch (SyncStoppedException e) {
      if (!stopRequested.getAsBoolean()) {
        throw e;
      }
      // The source gave up a wait or a request for the stop: the page in progress was not
      // checkpointed, so the run ends at its last checkpoint like any stopped run.
      return RunOutcome.STOP_REQUESTED;
    }
  }
}
