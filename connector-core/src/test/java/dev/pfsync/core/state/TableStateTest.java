package dev.pfsync.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.HistoryStart;
import dev.pfsync.core.Keyset;
import dev.pfsync.core.SyncMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableStateTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final Duration DAY = Duration.ofDays(1);

  @Test
  void first_state_puts_both_cursors_at_now_minus_recent() {
    TableState t = TableState.initial(NOW, DAY, DAY, new HistoryStart.Ago(Duration.ofDays(30)));

    Instant p = NOW.minus(DAY);
    assertThat(t.incremental()).isEqualTo(Keyset.from(p));
    assertThat(t.historical().limit()).isEqualTo(NOW.minus(Duration.ofDays(30)));
    assertThat(t.historical().windowEnd()).isEqualTo(p);
    assertThat(t.historical().position()).isEqualTo(Keyset.from(p.minus(DAY)));
    assertThat(t.historicalComplete()).isFalse();
  }

  @Test
  void history_starting_after_the_start_point_is_complete_at_once() {
    TableState t = TableState.initial(NOW, DAY, DAY, new HistoryStart.At(NOW.minusSeconds(60)));

    assertThat(t.historicalComplete()).isTrue();
  }

  @Test
  void first_window_is_clipped_at_the_limit() {
    TableState t =
        TableState.initial(NOW, DAY, DAY, new HistoryStart.At(NOW.minus(Duration.ofHours(30))));

    assertThat(t.historical().position()).isEqualTo(Keyset.from(NOW.minus(Duration.ofHours(30))));
  }

  @Test
  void exhausted_windows_walk_backward_until_the_limit() {
    TableState t =
        TableState.initial(NOW, DAY, DAY, new HistoryStart.At(NOW.minus(Duration.ofHours(60))));

    TableState second = t.windowExhausted(DAY);
    assertThat(second.historical().windowEnd()).isEqualTo(NOW.minus(Duration.ofHours(48)));
    assertThat(second.historical().position())
        .isEqualTo(Keyset.from(NOW.minus(Duration.ofHours(60))));
    assertThat(second.historicalComplete()).isFalse();
    assertThat(second.windowExhausted(DAY).historicalComplete()).isTrue();
  }

  @Test
  void modes_alternate_until_history_is_complete() {
    TableState open = TableState.initial(NOW, DAY, DAY, new HistoryStart.Ago(DAY.multipliedBy(3)));
    SyncState s = new SyncState(SyncMode.INCREMENTAL, Map.of("t", open));
    List<String> names = List.of("t");

    assertThat(s.runMode(names)).isEqualTo(SyncMode.INCREMENTAL);
    SyncState afterIncremental = s.afterRun(SyncMode.INCREMENTAL, names);
    assertThat(afterIncremental.runMode(names)).isEqualTo(SyncMode.HISTORICAL);
    assertThat(afterIncremental.afterRun(SyncMode.HISTORICAL, names).nextMode())
        .isEqualTo(SyncMode.INCREMENTAL);

    SyncState complete =
        new SyncState(
            SyncMode.HISTORICAL, Map.of("t", open.windowExhausted(DAY).windowExhausted(DAY)));
    assertThat(complete.runMode(names)).isEqualTo(SyncMode.INCREMENTAL);
    assertThat(complete.afterRun(SyncMode.INCREMENTAL, names).nextMode())
        .isEqualTo(SyncMode.INCREMENTAL);
  }

  @Test
  void backfill_fraction_grows_with_the_walk() {
    TableState t = TableState.initial(NOW, DAY, DAY, new HistoryStart.Ago(Duration.ofDays(5)));
    Instant p = NOW.minus(DAY);

    assertThat(t.backfillFraction(p, DAY)).isEqualTo(0.0);
    assertThat(t.windowExhausted(DAY).backfillFraction(p, DAY)).isEqualTo(0.25);
    assertThat(
            t.withHistoricalPosition(Keyset.from(p.minus(Duration.ofHours(12))))
                .backfillFraction(p, DAY))
        .isEqualTo(0.125);
  }
}
