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
  void handed_over_arrays_make_a_row_equal_to_one_copied_from_a_map() {
    FieldNames names = FieldNames.of(new String[] {"id", "n"}, 2);
    Row handed = Row.handOver(names, new Object[] {"a", null}, true);
    LinkedHashMap<String, Object> map = new LinkedHashMap<>();
    map.put("id", "a");
    map.put("n", null);
    Row copied = new Row(new HashMap<>(map), true);

    assertThat(handed).isEqualTo(copied).hasSameHashCodeAs(copied);
    assertThat(new Row(handed.values(), true)).isEqualTo(handed);
    assertThat(handed.fieldNames()).isSameAs(names);
    assertThat(handed.fieldCount()).isEqualTo(2);
    assertThat(handed.fieldName(0)).isEqualTo("id");
    assertThat(handed.value(0)).isEqualTo("a");
    assertThat(handed.values()).containsKey("n").doesNotContainKey("x");
    assertThatThrownBy(() -> handed.values().remove("id"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> Row.handOver(names, new Object[] {"a"}, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void field_names_must_be_distinct_and_are_found_in_narrow_and_wide_rows() {
    assertThatThrownBy(() -> FieldNames.of(new String[] {"a", "b", "a"}, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(FieldNames.of(new String[] {"a", "b", "a"}, 2).size()).isEqualTo(2);

    String[] wide = new String[40];
    for (int i = 0; i < wide.length; i++) {
      wide[i] = "f" + i;
    }
    FieldNames many = FieldNames.of(wide, wide.length);
    assertThat(many.indexOf("f37")).isEqualTo(37);
    assertThat(many.indexOf(new String("f3"))).isEqualTo(3);
    assertThat(many.indexOf("g")).isEqualTo(-1);
    assertThat(many.sameAs(wide, 40)).isTrue();
    assertThat(many.sameAs(wide, 39)).isFalse();
    String[] equalButNotSame = wide.clone();
    equalButNotSame[5] = new String("f5");
    assertThat(many.sameAs(equalButNotSame, 40)).isFalse();
    Row row = new Row(java.util.Map.of("f1", 1), false);
    assertThat(row.fieldNames().indexOf(new String("f1"))).isZero();
  }
}
