package dev.pfsync.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.state.StateCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The incremental cursor never moves past rows it has not read, whatever the source's clock says of
 * ours: an API a minute behind stamps rows "in the past" of the connector, which a cursor taken
 * from the connector's clock alone would already have passed.
 */
class SourceClockSkewTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  final TestClock clock = new TestClock(NOW);
  final InMemoryDestination destination = new InMemoryDestination();

  SyncEngine engine(SimulatedSource source) {
    return new SyncEngine(
        List.of(Bindings.users()),
        source,
        destination,
        SyncSettings.builder("users")
            .historyStart(new HistoryStart.Ago(Duration.ofDays(2)))
            .build(),
        clock,
        ProgressListener.none());
  }

  @ParameterizedTest(name = "source clock {0} s from ours")
  @ValueSource(ints = {-60, -1, 0, 1, 60})
  void rows_changed_right_after_a_completed_backfill_are_synced(int skewSeconds) {
    SimulatedSource source =
        new SimulatedSource(Bindings.users()).clockedBy(clock, Duration.ofSeconds(skewSeconds));
    Datasets.users(source, new java.util.Random(1), 300, NOW.minus(Duration.ofDays(2)), NOW, 5);
    SyncEngine engine = engine(source);
    engine.runUntilComplete(Duration.ofHours(1));

    for (int round = 0; round < 5; round++) {
      // A change the source stamps with its own clock, right after the last run.
      Datasets.mutateUsers(source, new java.util.Random(round), source.serverNow(), 3, 2, 1);
      clock.advance(Duration.ofSeconds(5));
      engine.runOnce();
    }
    clock.advance(Duration.ofSeconds(3 + Math.max(0, skewSeconds)));
    engine.runOnce();

    assertThat(destination.rows("user")).isEqualTo(source.truth("user"));
  }

  @Test
  void a_cursor_never_passes_what_the_source_clock_vouches_for() {
    SimulatedSource source =
        new SimulatedSource(Bindings.users()).clockedBy(clock, Duration.ofSeconds(-60));
    SyncEngine engine = engine(source);
    engine.runOnce();

    Instant cursor =
        StateCodec.decode(destination.state().orElseThrow()).table("user").incremental().since();
    // Source time is NOW - 60 s; with a 2 s settle nothing at or after NOW - 62 s is vouched for.
    assertThat(cursor).isEqualTo(NOW.minusSeconds(62));
  }

  @Test
  void without_a_server_time_the_cursor_stays_at_the_last_row_read() {
    SimulatedSource source = new SimulatedSource(Bindings.users());
    source.put("user", Bindings.user("a", NOW.minusSeconds(600), "x", false));
    SyncEngine engine = engine(source);
    engine.runOnce();

    assertThat(StateCodec.decode(destination.state().orElseThrow()).table("user").incremental())
        .isEqualTo(Keyset.after(NOW.minusSeconds(600), "a"));
  }
}
