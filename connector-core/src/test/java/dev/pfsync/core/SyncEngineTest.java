package dev.pfsync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.state.StateCodec;
import dev.pfsync.core.state.SyncState;
import dev.pfsync.core.state.TableState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SyncEngineTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final Duration DAY = Duration.ofDays(1);

  final TestClock clock = new TestClock(NOW);
  final InMemoryDestination destination = new InMemoryDestination();
  final SimulatedSource source = new SimulatedSource(Bindings.users()).clockedBy(clock);

  static SyncSettings settings(int pageSize, Duration maxDuration, Duration lookback) {
    return new SyncSettings(
        "users",
        pageSize,
        DAY,
        DAY,
        new HistoryStart.Ago(Duration.ofDays(5)),
        maxDuration,
        lookback,
        Duration.ofSeconds(2));
  }

  SyncEngine engine(SyncSettings settings, ProgressListener listener) {
    return new SyncEngine(
        List.of(Bindings.users()), source, destination, settings, clock, listener);
  }

  SyncEngine engine() {
    return engine(settings(7, Duration.ofHours(6), Duration.ZERO), ProgressListener.none());
  }

  SyncState state() {
    return StateCodec.decode(destination.state().orElseThrow());
  }

  void seed(int count, int burst) {
    Datasets.users(source, new Random(7), count, NOW.minus(Duration.ofDays(5)), NOW, burst);
  }

  @Test
  void first_run_is_incremental_from_now_minus_recent_to_now_minus_settle() {
    seed(300, 20);
    source.put("user", Bindings.user("late", NOW.minusSeconds(1), "in the settle gap", false));

    RunSummary summary = engine().runOnce();

    Instant p = NOW.minus(DAY);
    Instant before = NOW.minusSeconds(2);
    var expected =
        source.truth("user").entrySet().stream()
            .filter(e -> !RowTime.of(e.getValue()).isBefore(p))
            .filter(e -> RowTime.of(e.getValue()).isBefore(before))
            .map(e -> e.getKey())
            .toList();
    assertThat(summary.modes()).containsExactly(SyncMode.INCREMENTAL);
    assertThat(summary.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(destination.rows("user").keySet()).containsExactlyInAnyOrderElementsOf(expected);
    SyncState state = state();
    TableState user = state.table("user");
    assertThat(state.nextMode()).isEqualTo(SyncMode.HISTORICAL);
    assertThat(user.incremental()).isEqualTo(Keyset.from(before));
    assertThat(user.historical().windowEnd()).isEqualTo(p);
    assertThat(user.historical().limit()).isEqualTo(NOW.minus(Duration.ofDays(5)));
    assertThat(destination.runs())
        .containsExactly(
            new InMemoryDestination.Run(
                SyncMode.INCREMENTAL, RunStatus.SUCCEEDED, Optional.empty()));
  }

  @Test
  void run_once_alternates_modes_until_history_is_complete() {
    seed(200, 0);
    source.costing(clock, Duration.ofSeconds(1));
    SyncEngine engine =
        engine(settings(5, Duration.ofSeconds(8), Duration.ZERO), ProgressListener.none());

    var modes = new ArrayList<SyncMode>();
    modes.add(engine.runOnce().modes().get(0));
    while (!state().table("user").historicalComplete() && modes.size() < 200) {
      modes.add(engine.runOnce().modes().get(0));
    }
    modes.add(engine.runOnce().modes().get(0));
    modes.add(engine.runOnce().modes().get(0));

    assertThat(modes.size()).isGreaterThan(6);
    for (int i = 0; i < modes.size() - 2; i++) {
      assertThat(modes.get(i)).isEqualTo(i % 2 == 0 ? SyncMode.INCREMENTAL : SyncMode.HISTORICAL);
    }
    assertThat(modes.subList(modes.size() - 2, modes.size())).containsOnly(SyncMode.INCREMENTAL);
  }

  @Test
  void a_run_stops_at_a_checkpoint_once_max_duration_is_spent() {
    seed(300, 0);
    source.costing(clock, Duration.ofSeconds(1));
    SyncEngine engine =
        engine(settings(5, Duration.ofSeconds(3), Duration.ZERO), ProgressListener.none());
    engine.runOnce();

    RunSummary historical = engine.runOnce();

    assertThat(historical.modes()).containsExactly(SyncMode.HISTORICAL);
    assertThat(historical.status()).isEqualTo(RunStatus.STOPPED);
    assertThat(historical.message())
        .hasValueSatisfying(m -> assertThat(m).contains("max-duration"));
    assertThat(historical.rows()).isBetween(1L, 15L);
    assertThat(state().nextMode()).isEqualTo(SyncMode.INCREMENTAL);
  }

  @Test
  void full_sync_with_ties_a_burst_and_mutations_between_runs_equals_the_dataset() {
    seed(400, 25);
    source.costing(clock, Duration.ofSeconds(1));
    var random = new Random(11);
    ProgressListener mutator =
        new ProgressListener() {
          @Override
          public void runStarted(SyncMode mode) {
            clock.advance(Duration.ofMinutes(3));
            Datasets.mutateUsers(source, random, clock.instant(), 6, 3, 2);
          }
        };
    SyncEngine engine = engine(settings(6, Duration.ofHours(1), Duration.ZERO), mutator);

    RunSummary all = engine.runUntilComplete(Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(3));
    new SyncEngine(
            List.of(Bindings.users()),
            source,
            destination,
            settings(6, Duration.ofHours(1), Duration.ZERO),
            clock,
            ProgressListener.none())
        .runOnce();

    assertThat(all.modes()).contains(SyncMode.HISTORICAL).endsWith(SyncMode.INCREMENTAL);
    assertThat(all.tables().get(0).historicalComplete()).isTrue();
    assertThat(destination.rows("user")).isEqualTo(source.truth("user"));
    assertThat(destination.rows("user").values()).anyMatch(Row::deleted);
  }

  @Test
  void run_until_complete_interleaves_an_incremental_run_after_each_slice() {
    seed(300, 0);
    source.costing(clock, Duration.ofSeconds(1));
    SyncEngine engine =
        engine(settings(5, Duration.ofHours(1), Duration.ZERO), ProgressListener.none());

    RunSummary all = engine.runUntilComplete(Duration.ofSeconds(4));

    List<SyncMode> modes = all.modes();
    assertThat(modes.get(0)).isEqualTo(SyncMode.INCREMENTAL);
    assertThat(modes.get(modes.size() - 1)).isEqualTo(SyncMode.INCREMENTAL);
    assertThat(modes.stream().filter(m -> m == SyncMode.HISTORICAL).count()).isGreaterThan(3);
    for (int i = 1; i < modes.size(); i++) {
      assertThat(modes.get(i)).as("run %d", i).isNotEqualTo(modes.get(i - 1));
    }
    assertThat(all.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(all.rows()).isEqualTo(300);
  }

  @Test
  void request_stop_ends_the_call_at_a_checkpoint_and_a_new_engine_resumes() {
    seed(200, 10);
    SyncEngine[] engine = new SyncEngine[1];
    ProgressListener stopper =
        new ProgressListener() {
          int checkpoints;

          @Override
          public void checkpointed(Progress progress) {
            if (++checkpoints == 12) {
              engine[0].requestStop();
            }
          }
        };
    engine[0] = engine(settings(5, Duration.ofHours(1), Duration.ZERO), stopper);

    RunSummary stopped = engine[0].runUntilComplete(Duration.ofSeconds(10));

    assertThat(stopped.status()).isEqualTo(RunStatus.STOPPED);
    assertThat(destination.runs().get(destination.runs().size() - 1).status())
        .isEqualTo(RunStatus.STOPPED);
    // 12 pages, and each run's final state-only checkpoint
    assertThat(destination.checkpoints()).isEqualTo(12 + destination.runs().size());
    assertThat(engine[0].runOnce().status()).isEqualTo(RunStatus.STOPPED);

    engine().runUntilComplete(Duration.ofSeconds(10));
    assertThat(destination.rows("user")).isEqualTo(source.truth("user"));
  }

  @Test
  void lookback_rereads_before_the_cursor_without_moving_it_back() {
    seed(100, 0);
    SyncEngine engine =
        engine(settings(50, Duration.ofHours(1), Duration.ofMinutes(10)), ProgressListener.none());
    engine.runOnce();
    Keyset first = state().table("user").incremental();
    clock.advance(Duration.ofMinutes(1));
    int before = source.requests().size();

    engine.runOnce(); // historical
    engine.runOnce(); // incremental with lookback

    PageRequest lookbackRequest =
        source.requests().stream()
            .skip(before)
            .map(SimulatedSource.Fetch::request)
            .filter(r -> r.before().equals(Optional.of(clock.instant().minusSeconds(2))))
            .findFirst()
            .orElseThrow();
    assertThat(lookbackRequest.from())
        .isEqualTo(Keyset.from(first.since().minus(Duration.ofMinutes(10))));
    assertThat(state().table("user").incremental().since()).isAfter(first.since());
  }

  @Test
  void progress_is_reported_after_every_checkpoint() {
    seed(120, 0);
    var reports = new ArrayList<Progress>();
    var finished = new ArrayList<RunSummary>();
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void checkpointed(Progress progress) {
            reports.add(progress);
          }

          @Override
          public void runFinished(RunSummary summary) {
            finished.add(summary);
          }
        };

    engine(settings(10, Duration.ofHours(1), Duration.ZERO), listener).runUntilComplete(DAY);

    int stateOnly = finished.size();
    assertThat(reports).hasSize(destination.checkpoints() - stateOnly);
    assertThat(reports).allSatisfy(p -> assertThat(p.table()).isEqualTo("user"));
    assertThat(reports.get(reports.size() - 1).backfillFraction()).isEqualTo(1.0);
    var historical = reports.stream().filter(p -> p.mode() == SyncMode.HISTORICAL).toList();
    for (int i = 1; i < historical.size(); i++) {
      assertThat(historical.get(i).backfillFraction())
          .isGreaterThanOrEqualTo(historical.get(i - 1).backfillFraction());
      assertThat(historical.get(i).rows()).isGreaterThanOrEqualTo(historical.get(i - 1).rows());
    }
  }

  @Test
  void rejected_records_are_counted_and_passed_with_the_checkpoint() {
    var scripted =
        new ScriptedPageSource()
            .then(
                new Page(
                    List.of(Bindings.user("a", NOW.minusSeconds(60), "x", false)),
                    false,
                    Optional.of(Keyset.after(NOW.minusSeconds(30), "zz")),
                    Rejects.some(2),
                    Optional.empty()));
    var engine =
        new SyncEngine(
            List.of(Bindings.users()),
            scripted,
            destination,
            settings(10, Duration.ofHours(1), Duration.ZERO),
            clock,
            ProgressListener.none());

    RunSummary summary = engine.runOnce();

    assertThat(summary.tables().get(0).rejected()).isEqualTo(2);
    assertThat(summary.tables().get(0).upserted()).isEqualTo(1);
    assertThat(destination.rejected())
        .extracting(RejectedRecord::key)
        .containsExactly(Optional.of("bad-0"), Optional.of("bad-1"));
  }

  @Test
  void an_unreadable_stored_state_fails_before_any_run() {
    destination.apply(Checkpoint.stateOnly("{\"version\":9}"));

    assertThatThrownBy(() -> engine().runOnce()).hasMessageContaining("state version 9");
    assertThat(destination.runs()).isEmpty();
  }

  @Test
  void an_orders_binding_with_integer_keys_and_another_shape_runs_through_the_same_engine() {
    var orders = new SimulatedSource(Bindings.orders()).clockedBy(clock);
    Datasets.orders(orders, new Random(5), 250, NOW.minus(Duration.ofDays(5)), NOW);
    var engine =
        new SyncEngine(
            List.of(Bindings.orders()),
            orders,
            destination,
            settings(9, Duration.ofHours(1), Duration.ZERO),
            clock,
            ProgressListener.none());

    RunSummary all = engine.runUntilComplete(DAY);
    clock.advance(Duration.ofSeconds(3));
    engine.runOnce();

    assertThat(all.tables()).extracting(TableSummary::table).containsExactly("orders");
    assertThat(destination.rows("orders")).hasSize(250).isEqualTo(orders.truth("orders"));
    assertThat(state().table("orders").incremental().afterKey()).isEmpty();
  }

  @Test
  void follow_keeps_syncing_until_stopped() throws Exception {
    seed(150, 5);
    var runs = new java.util.concurrent.atomic.AtomicInteger();
    SyncEngine[] engine = new SyncEngine[1];
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void runStarted(SyncMode mode) {
            clock.advance(Duration.ofSeconds(5));
            Datasets.mutateUsers(
                source, new Random(runs.get()), clock.instant().minusSeconds(4), 2, 1, 1);
          }

          @Override
          public void runFinished(RunSummary summary) {
            if (runs.incrementAndGet() == 6) {
              engine[0].requestStop();
            }
          }
        };
    engine[0] = engine(settings(8, Duration.ofHours(1), Duration.ZERO), listener);
    var result = new java.util.concurrent.CompletableFuture<RunSummary>();
    var thread =
        new Thread(() -> result.complete(engine[0].follow(Duration.ofSeconds(5).plusMillis(30))));
    thread.start();

    RunSummary summary = result.get(10, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(summary.status()).isEqualTo(RunStatus.STOPPED);
    assertThat(summary.modes())
        .containsExactly(
            SyncMode.INCREMENTAL,
            SyncMode.HISTORICAL,
            SyncMode.INCREMENTAL,
            SyncMode.INCREMENTAL,
            SyncMode.INCREMENTAL,
            SyncMode.INCREMENTAL);
    assertThat(state().table("user").historicalComplete()).isTrue();
    assertThat(destination.rows("user")).isEqualTo(source.truth("user"));
  }

  /** The cursor of a users row. */
  static final class RowTime {
    static Instant of(Row row) {
      return (Instant) row.get("updatedAt");
    }
  }
}
