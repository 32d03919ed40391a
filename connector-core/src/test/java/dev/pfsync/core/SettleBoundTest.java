package dev.pfsync.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.state.StateCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The incremental bound never lands inside a second that can still receive rows. */
class SettleBoundTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:14.885Z");

  @Test
  void with_no_settle_a_row_stamped_later_in_the_current_second_is_still_read() {
    TestClock clock = new TestClock(NOW);
    InMemoryDestination destination = new InMemoryDestination();
    SimulatedSource source = new SimulatedSource(Bindings.users()).clockedBy(clock);
    SyncSettings settings =
        new SyncSettings(
            "users",
            100,
            Duration.ofDays(1),
            Duration.ofDays(1),
            new HistoryStart.Ago(Duration.ofDays(1)),
            Duration.ofHours(1),
            Duration.ZERO,
            Duration.ZERO);
    source.put("user", Bindings.user("early", Instant.parse("2026-11-20T12:00:10Z"), "a", false));
    SyncEngine engine =
        new SyncEngine(
            List.of(Bindings.users()),
            source,
            destination,
            settings,
            clock,
            ProgressListener.none());

    engine.runOnce();
    assertThat(StateCodec.decode(destination.state().orElseThrow()).table("user").incremental())
        .isEqualTo(Keyset.from(Instant.parse("2026-11-20T12:00:14Z")));

    // A row stamped in the second the first run ended in, arriving after it: not lost.
    source.put("user", Bindings.user("late", Instant.parse("2026-11-20T12:00:14Z"), "b", false));
    clock.advance(Duration.ofSeconds(5));
    engine.runOnce(); // historical
    engine.runOnce(); // incremental
    assertThat(destination.rows("user")).containsKeys("early", "late");
  }
}
