package dev.pfsync.mockapi.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValuePoolsTest {
  @Test
  void the_shipped_pools_are_exactly_what_datafaker_generates() {
    assertThat(ValuePools.shipped().asMap())
        .isEqualTo(ValuePools.generate(ValuePools.POOL_SEED).asMap());
  }

  @Test
  void every_pool_holds_distinct_non_blank_values() {
    for (List<String> pool : ValuePools.shipped().asMap().values()) {
      assertThat(new HashSet<>(pool)).hasSameSizeAs(pool);
      assertThat(pool).allMatch(v -> !v.isBlank());
    }
  }

  @Test
  void email_parts_are_lowercase_letters() {
    assertThat(ValuePools.emailPart("O'Keefe")).isEqualTo("okeefe");
    assertThat(ValuePools.emailPart("Mary Ann")).isEqualTo("maryann");
    assertThat(ValuePools.emailPart("Ñ")).isEqualTo("user");
  }
}
