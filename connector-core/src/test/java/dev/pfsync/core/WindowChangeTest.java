package dev.pfsync.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Changing --window between runs, in the middle of a backfill, must leave no gap. */
class WindowChangeTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  final TestClock clock = new TestClock(NOW);
  final InMemoryDestination destination = new InMemoryDestination();
  final SimulatedSource source = new SimulatedSource(Bindings.users()).clockedBy(clock);

  SyncEngine engine(Duration window, Duration maxDuration) {
    SyncSettings settings =
        new SyncSettings(
            "users",
            5,
            Duration.ofDays(1),
            window,
            new HistoryStart.Ago(Duration.ofDays(10)),
            maxDuration,
            Duration.ZERO,
            Duration.ofSeconds(2));
    return new SyncEngine(
        List.of(Bindings.users()), source, destination, settings, clock, ProgressListener.none());
  }

  @Test
  void a_larger_window_on_a_later_run_still_reads_every_row_of_history() {
    Datasets.users(source, new Random(3), 600, NOW.minus(Duration.ofDays(10)), NOW, 0);
    source.costing(clock, Duration.ofSeconds(1));
    engine(Duration.ofHours(1), Duration.ofHours(1)).runOnce(); // incremental
    engine(Duration.ofHours(1), Duration.ofSeconds(3)).runOnce(); // part of a 1-hour window

    engine(Duration.ofDays(1), Duration.ofDays(1)).runUntilComplete(Duration.ofDays(1));

    assertThat(destination.rows("user")).isEqualTo(source.truth("user"));
  }

  @Test
  void a_smaller_window_on_a_later_run_also_leaves_no_gap() {
    Datasets.users(source, new Random(4), 600, NOW.minus(Duration.ofDays(10)), NOW, 0);
    source.costing(clock, Duration.ofSeconds(1));
    engine(Duration.ofDays(2), Duration.ofHours(1)).runOnce();
    engine(Duration.ofDays(2), Duration.ofSeconds(3)).runOnce();

    engine(Duration.ofHours(6), Duration.ofDays(1)).runUntilComplete(Duration.ofDays(1));

    assertThat(destination.rows("user")).isEqualTo(source.truth("user"));
  }
}
