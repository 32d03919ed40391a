package dev.pfsync.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.paging.KeysetOrder;
import dev.pfsync.core.state.HistoricalCursor;
import dev.pfsync.core.state.StateCodec;
import dev.pfsync.core.state.SyncState;
import dev.pfsync.core.state.TableState;
import dev.pfsync.core.testing.Generators;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole engine over random settings, datasets and sequences of runs, crashes, mutations and
 * clock moves, with the source's clock up to five minutes behind or ahead of the connector's (it
 * stamps the mutations and answers with its time): every committed state follows from the one
 * before without gap or regression, the backfill ends within a bound of runs, and the destination
 * then equals the dataset.
 */
class SyncEnginePropertiesTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final List<TableBinding> TABLES = List.of(Bindings.users(), Bindings.orders());

  /** Ops: 0 runs once, 1 crashes a run at a random checkpoint, 2 mutates, 3 moves the clock. */
  record Scenario(
      int pageSize,
      int windowHours,
      int recentHours,
      int historyHours,
      int lookbackMinutes,
      int settleSeconds,
      int maxDurationSeconds,
      int users,
      int burst,
      int orders,
      int skewSeconds,
      List<Integer> ops) {}

  @TestFactory
  Stream<DynamicTest> random_runs_crashes_and_mutations_end_with_the_dataset() {
    return Generators.forAll(
        g ->
            new Scenario(
                g.intBetween(1, 12),
                g.intBetween(1, 72),
                g.intBetween(1, 48),
                g.intBetween(0, 240),
                g.intBetween(0, 90),
                g.intBetween(0, 5),
                g.intBetween(2, 30),
                g.intBetween(0, 100),
                g.intBetween(0, 25),
                g.intBetween(0, 40),
                g.intBetween(0, 2) == 0 ? 0 : g.intBetween(-300, 300),
                g.listOf(12, () -> g.intBetween(0, 3))),
        SyncEnginePropertiesTest::endsWithTheDataset);
  }

  private static void endsWithTheDataset(Scenario scenario, Random random) {
    int pageSize = scenario.pageSize();
    int windowHours = scenario.windowHours();
    int historyHours = scenario.historyHours();
    int lookbackMinutes = scenario.lookbackMinutes();
    int settleSeconds = scenario.settleSeconds();
    var clock = new TestClock(NOW);
    var source =
        new SimulatedSource(Bindings.users(), Bindings.orders())
            .costing(clock, Duration.ofSeconds(1))
            .clockedBy(clock, Duration.ofSeconds(scenario.skewSeconds()));
    var destination = new InMemoryDestination();
    Instant limit = NOW.minus(Duration.ofHours(historyHours));
    // The data exists at the source's "now": a source behind ours stamped nothing after its clock.
    Instant sourceNow = NOW.plusSeconds(Math.min(0, scenario.skewSeconds()));
    Instant from = limit.isBefore(sourceNow) ? limit : sourceNow;
    Datasets.users(source, random, scenario.users(), from, sourceNow, scenario.burst());
    Datasets.orders(source, random, scenario.orders(), from, sourceNow);
    var settings =
        new SyncSettings(
            "prop",
            pageSize,
            Duration.ofHours(scenario.recentHours()),
            Duration.ofHours(windowHours),
            new HistoryStart.At(from),
            Duration.ofSeconds(scenario.maxDurationSeconds()),
            Duration.ofMinutes(lookbackMinutes % 2 == 0 ? 0 : lookbackMinutes),
            Duration.ofSeconds(settleSeconds));
    Runnable run =
        () ->
            new SyncEngine(TABLES, source, destination, settings, clock, ProgressListener.none())
                .runOnce();

    for (int op : scenario.ops()) {
      switch (op) {
        case 0 -> run.run();
        case 1 -> {
          destination.failAtCheckpoint(1 + random.nextInt(4));
          try {
            run.run();
          } catch (DestinationException expected) {
            assertThat(destination.runs().get(destination.runs().size() - 1).status())
                .isEqualTo(RunStatus.FAILED);
          }
          destination.disarm();
        }
        case 2 -> {
          Instant at = clock.instant().plusSeconds(scenario.skewSeconds());
          Datasets.mutateUsers(
              source, random, at, random.nextInt(5), random.nextInt(3), random.nextInt(3));
          Datasets.mutateOrders(source, random, at, random.nextInt(5), random.nextInt(3));
        }
        default -> clock.advance(Duration.ofMinutes(random.nextInt(180)));
      }
    }

    clock.advance(Duration.ofSeconds(settleSeconds + 1));
    long windows = historyHours / windowHours + 2;
    long rows = source.keys("user").size() + source.keys("orders").size();
    long runBound = 2 * (2 * windows * TABLES.size() + rows / pageSize + 2 * TABLES.size()) + 4;
    long runs = 0;
    while (!complete(destination)) {
      run.run();
      runs++;
      assertThat(runs).as("runs to complete the backfill").isLessThanOrEqualTo(runBound);
    }
    // One incremental run after the backfill; max-duration may cut it, so it can take several. It
    // reaches what both clocks have passed: a source ahead stamped rows in the connector's future.
    clock.advance(Duration.ofSeconds(settleSeconds + 1 + Math.max(0, scenario.skewSeconds())));
    Instant now = clock.instant();
    Instant mark = scenario.skewSeconds() < 0 ? now.plusSeconds(scenario.skewSeconds()) : now;
    // Each run moves past its cursor by at least one row (a lookback re-read is not progress).
    long incrementalBound = rows + 3;
    while (StateCodec.decode(destination.state().get())
            .table("user")
            .incremental()
            .since()
            .isBefore(mark.minusSeconds(settleSeconds))
        || StateCodec.decode(destination.state().get())
            .table("orders")
            .incremental()
            .since()
            .isBefore(mark.minusSeconds(settleSeconds))) {
      run.run();
      assertThat(--incrementalBound).as("incremental runs to catch up").isPositive();
    }

    assertThat(destination.rows("user")).isEqualTo(source.truth("user"));
    assertThat(destination.rows("orders")).isEqualTo(source.truth("orders"));
    checkTransitions(destination.stateHistory(), settings.window());
  }

  private static boolean complete(InMemoryDestination destination) {
    return destination.state().isPresent()
        && StateCodec.decode(destination.state().get()).historyComplete(List.of("user", "orders"));
  }

  /**
   * Each committed state follows from the previous one: nothing moves back, no window is skipped.
   */
  private static void checkTransitions(List<String> history, Duration window) {
    SyncState previous = null;
    for (String json : history) {
      SyncState state = StateCodec.decode(json);
      assertThat(StateCodec.encode(state)).isEqualTo(json);
      for (TableBinding table : TABLES) {
        TableState t = state.table(table.table());
        assertThat(t.incremental().since()).isAfterOrEqualTo(t.historical().windowEnd());
        if (previous != null && previous.tables().containsKey(table.table())) {
          checkTransition(KeysetOrder.of(table), previous.table(table.table()), t, window);
        }
      }
      previous = state;
    }
  }

  private static void checkTransition(
      KeysetOrder order, TableState a, TableState b, Duration window) {
    assertThat(order.compare(b.incremental(), a.incremental()))
        .as("incremental moves forward")
        .isNotNegative();
    HistoricalCursor ha = a.historical();
    HistoricalCursor hb = b.historical();
    assertThat(hb.limit()).isEqualTo(ha.limit());
    if (a.historicalComplete()) {
      assertThat(b)
          .extracting(TableState::historicalComplete, TableState::historical)
          .containsExactly(true, ha);
    } else if (hb.windowEnd().equals(ha.windowEnd())) {
      assertThat(order.compare(hb.position(), ha.position()))
          .as("position moves forward")
          .isNotNegative();
      if (b.historicalComplete()) {
        assertThat(ha.windowStart(window))
            .as("last window reaches the limit")
            .isEqualTo(ha.limit());
      }
    } else {
      assertThat(b.historicalComplete()).isFalse();
      assertThat(hb.windowEnd()).as("next window is adjacent").isEqualTo(ha.windowStart(window));
      assertThat(hb.position()).isEqualTo(Keyset.from(hb.windowStart(window)));
    }
  }
}
