package dev.pfsync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowTest {
  @Test
  void a_row_copies_the_map_it_is_given_keeps_field_order_and_nulls_and_is_read_only() {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("z", 1);
    source.put("a", null);
    source.put("m", "x");
    Row row = new Row(source, false);
    source.put("z", 2);
    source.remove("m");

    assertThat(row.get("z")).isEqualTo(1);
    assertThat(row.values()).containsKey("a").containsEntry("m", "x");
    assertThat(List.copyOf(row.values().keySet())).containsExactly("z", "a", "m");
    assertThatThrownBy(() -> row.values().put("n", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> row.values().entrySet().iterator().next().setValue(9))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void a_handed_over_map_makes_an_equal_row_and_a_copy_of_a_row_is_equal_too() {
    LinkedHashMap<String, Object> built = new LinkedHashMap<>();
    built.put("id", "a");
    built.put("n", null);
    Row handed = Row.handOver(built, true);
    Row copied = new Row(new HashMap<>(built), true);

    assertThat(handed).isEqualTo(copied).hasSameHashCodeAs(copied);
    assertThat(new Row(handed.values(), true)).isEqualTo(handed);
    assertThatThrownBy(() -> handed.values().remove("id"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
