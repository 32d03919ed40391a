package dev.pfsync.core.paging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.ColumnType;
import dev.pfsync.core.Keyset;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeysetOrderTest {
  static final Instant T = Instant.parse("2026-11-20T08:00:00Z");

  @Test
  void orders_by_instant_first() {
    var order = KeysetOrder.forKeyType(ColumnType.STRING);
    assertThat(order.compare(Keyset.after(T, "z"), Keyset.after(T.plusSeconds(1), "a")))
        .isNegative();
  }

  @Test
  void a_position_without_key_comes_before_every_key_of_its_instant() {
    var order = KeysetOrder.forKeyType(ColumnType.STRING);
    assertThat(order.compare(Keyset.from(T), Keyset.after(T, ""))).isNegative();
    assertThat(order.compare(Keyset.from(T), Keyset.from(T))).isZero();
    assertThat(order.compare(Keyset.after(T.minusSeconds(1), "z"), Keyset.from(T))).isNegative();
  }

  @Test
  void integer_keys_compare_as_numbers_and_text_keys_as_text() {
    assertThat(
            KeysetOrder.forKeyType(ColumnType.LONG)
                .compare(Keyset.after(T, "9"), Keyset.after(T, "10")))
        .isNegative();
    assertThat(
            KeysetOrder.forKeyType(ColumnType.STRING)
                .compare(Keyset.after(T, "9"), Keyset.after(T, "10")))
        .isPositive();
  }

  @Test
  void max_keeps_the_later_position() {
    var order = KeysetOrder.forKeyType(ColumnType.INT);
    assertThat(order.max(Keyset.after(T, "3"), Keyset.after(T, "2")))
        .isEqualTo(Keyset.after(T, "3"));
    assertThat(order.max(Keyset.after(T, "3"), Keyset.from(T.plusSeconds(1))))
        .isEqualTo(Keyset.from(T.plusSeconds(1)));
  }
}
