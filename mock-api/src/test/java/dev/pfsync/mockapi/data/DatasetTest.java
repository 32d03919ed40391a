package dev.pfsync.mockapi.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DatasetTest {
  static final long NOW = Instant.parse("2026-11-20T08:00:00Z").getEpochSecond();
  static Dataset data;

  @BeforeAll
  static void generate() {
    data = Dataset.generate(42, 20_000, 5_000, 30, NOW);
  }

  @Test
  void both_orders_are_strict_and_hold_every_user_once() {
    List<User> byId = data.users().byId();
    List<User> byKey = data.users().byKey();
    assertThat(byId).hasSize(20_000);
    for (int i = 1; i < byId.size(); i++) {
      assertThat(byId.get(i - 1).id().compareTo(byId.get(i).id())).isNegative();
      assertThat(User.compareKey(byKey.get(i - 1), byKey.get(i))).isNegative();
    }
    assertThat(new HashSet<>(byKey)).isEqualTo(new HashSet<>(byId));
  }

  @Test
  void timestamps_span_the_history_with_one_burst_and_many_ties() {
    Set<Long> seconds = new HashSet<>();
    long burst = 0;
    for (User u : data.users().byId()) {
      assertThat(u.updatedAt()).isBetween(NOW - 30 * 86_400L, NOW);
      assertThat(u.createdAt()).isLessThanOrEqualTo(u.updatedAt());
      seconds.add(u.updatedAt());
      burst += u.updatedAt() == data.burstAt() ? 1 : 0;
    }
    assertThat(burst).isBetween(5_000L, 5_010L);
    assertThat(seconds.size()).as("ties outside the burst").isLessThan(15_000 * 3 / 4);
  }

  @Test
  void emails_are_unique_and_ids_are_fixed_width_hex() {
    Set<String> emails = new HashSet<>();
    for (User u : data.users().byId()) {
      assertThat(emails.add(data.pools().email(u))).isTrue();
      assertThat(u.id()).matches("[0-9a-f]{16}");
    }
  }

  @Test
  void ids_and_serials_map_both_ways() {
    for (long serial : new long[] {0, 1, 19_999, 1L << 40}) {
      assertThat(User.serialOf(42, User.idBits(42, serial))).isEqualTo(serial);
      assertThat(User.idFor(42, serial)).isEqualTo(String.format("%016x", User.idBits(42, serial)));
    }
  }

  @Test
  void the_same_seed_gives_the_same_data_and_another_seed_other_data() {
    Dataset again = Dataset.generate(42, 20_000, 5_000, 30, NOW);
    assertThat(again.users().byKey()).isEqualTo(data.users().byKey());
    assertThat(again.orders().byKey()).isEqualTo(data.orders().byKey());
    assertThat(data.pools().name(again.users().byId().get(7)))
        .isEqualTo(data.pools().name(data.users().byId().get(7)));
    Dataset other = Dataset.generate(43, 20_000, 5_000, 30, NOW);
    assertThat(other.users().byId().get(0).id()).isNotEqualTo(data.users().byId().get(0).id());
  }

  @Test
  void orders_are_half_the_users_with_numeric_keyset_order() {
    List<Order> byKey = data.orders().byKey();
    assertThat(byKey).hasSize(10_000);
    for (int i = 1; i < byKey.size(); i++) {
      assertThat(Order.compareKey(byKey.get(i - 1), byKey.get(i))).isNegative();
    }
    assertThat(data.orders().byId().get(0).orderId()).isEqualTo(1);
  }
}
