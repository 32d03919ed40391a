package dev.pfsync.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.HistoryStart;
import dev.pfsync.core.Keyset;
import dev.pfsync.core.SyncMode;
import dev.pfsync.core.testing.Generators;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The pure state machine's historical walk, over random settings and random in-window moves. */
class HistoricalWalkPropertiesTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  record Walk(int historyHours, int recentHours, long windowSeconds) {}

  @TestFactory
  Stream<DynamicTest> walk_covers_history_without_gap_never_moves_back_and_terminates() {
    return Generators.forAll(
        g -> new Walk(g.intBetween(0, 300), g.intBetween(1, 72), g.intBetween(1_800, 260_000)),
        HistoricalWalkPropertiesTest::walk);
  }

  private static void walk(Walk walk, Random random) {
    Duration window = Duration.ofSeconds(walk.windowSeconds());
    Duration recent = Duration.ofHours(walk.recentHours());
    Instant p = NOW.minus(recent);
    Instant limit = NOW.minus(Duration.ofHours(walk.historyHours()));
    TableState t =
        TableState.initial(
            NOW, recent, window, new HistoryStart.Ago(Duration.ofHours(walk.historyHours())));

    // covered = [coveredFrom, p): the union of the exhausted windows, checked to stay contiguous.
    Instant coveredFrom = p;
    long windows = 0;
    long bound = limit.isBefore(p) ? ceilDiv(Duration.between(limit, p), window) : 0;
    while (!t.historicalComplete()) {
      HistoricalCursor h = t.historical();
      Instant ws = h.windowStart(window);
      assertThat(h.windowEnd()).isEqualTo(coveredFrom);
      assertThat(ws).isAfterOrEqualTo(limit).isBefore(h.windowEnd());
      assertThat(h.position().since()).isBetween(ws, h.windowEnd());

      TableState next;
      if (random.nextInt(3) == 0) {
        next = t.windowExhausted(window);
        coveredFrom = ws;
        windows++;
        assertThat(StateCodec.decode(StateCodec.encode(state(next)))).isEqualTo(state(next));
        assertThat(next.historical().windowEnd()).isBeforeOrEqualTo(h.windowEnd());
      } else {
        long span = Duration.between(h.position().since(), h.windowEnd()).toSeconds();
        Instant to = h.position().since().plusSeconds((long) (random.nextDouble() * span));
        next = t.withHistoricalPosition(Keyset.after(to, "k" + random.nextInt(1000)));
        assertThat(next.historical().position().since()).isAfterOrEqualTo(h.position().since());
      }
      assertThat(next.historical().limit()).isEqualTo(limit);
      t = next;
      assertThat(windows).isLessThanOrEqualTo(bound);
    }
    if (limit.isBefore(p)) {
      assertThat(coveredFrom).isEqualTo(limit);
      assertThat(windows).isEqualTo(bound);
    }
    assertThat(t.windowExhausted(window).historicalComplete()).isTrue();
  }

  private static SyncState state(TableState t) {
    return new SyncState(SyncMode.HISTORICAL, Map.of("t", t));
  }

  private static long ceilDiv(Duration d, Duration unit) {
    long n = d.toSeconds();
    long u = unit.toSeconds();
    return (n + u - 1) / u;
  }
}
