package dev.pfsync.mockapi.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysetTableTest {
  record Row(String id, long t) {}

  static final Comparator<Row> KEY = Comparator.comparingLong(Row::t).thenComparing(Row::id);
  static final Comparator<Row> ID = Comparator.comparing(Row::id);

  KeysetTable<Row> table =
      new KeysetTable<>(
          List.of(new Row("c", 1), new Row("a", 2), new Row("b", 2), new Row("d", 3)), KEY, ID);

  @Test
  void a_page_is_a_slice_between_the_bounds_with_has_more() {
    KeysetTable.Slice<Row> page = table.page(r -> r.t() < 2, r -> true, 1);
    assertThat(page.rows()).containsExactly(new Row("a", 2));
    assertThat(page.hasMore()).isTrue();

    KeysetTable.Slice<Row> rest =
        table.page(
            r -> r.t() < 2 || (r.t() == 2 && r.id().compareTo("a") <= 0), r -> r.t() < 3, 10);
    assertThat(rest.rows()).containsExactly(new Row("b", 2));
    assertThat(rest.hasMore()).isFalse();

    assertThat(table.page(r -> true, r -> true, 10).rows()).isEmpty();
  }

  @Test
  void apply_replaces_versions_and_inserts_keeping_both_orders() {
    table.apply(List.of(new Row("c", 9)), List.of(new Row("aa", 0), new Row("e", 9)));
    assertThat(table.byKey())
        .containsExactly(
            new Row("aa", 0),
            new Row("a", 2),
            new Row("b", 2),
            new Row("d", 3),
            new Row("c", 9),
            new Row("e", 9));
    assertThat(table.byId()).extracting(Row::id).containsExactly("a", "aa", "b", "c", "d", "e");
  }

  @Test
  void apply_rejects_unknown_and_duplicate_ids() {
    assertThatThrownBy(() -> table.apply(List.of(new Row("zz", 1)), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> table.apply(List.of(), List.of(new Row("a", 1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> table.apply(List.of(new Row("a", 5), new Row("a", 6)), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
