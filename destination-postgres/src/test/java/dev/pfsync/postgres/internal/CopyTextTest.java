package dev.pfsync.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CopyTextTest {

  private static String encode(Object... values) {
    StringBuilder out = new StringBuilder();
    CopyText text = new CopyText(out);
    for (Object v : values) {
      text.field(v);
    }
    text.endRow();
    return out.toString();
  }

  @Test
  void fields_are_tab_separated_and_null_is_backslash_n() {
    assertThat(encode("a", null, 1L, true, false)).isEqualTo("a\t\\N\t1\tt\tf\n");
  }

  @Test
  void backslash_tab_newline_and_carriage_return_are_escaped() {
    assertThat(encode("a\\b\tc\nd\re")).isEqualTo("a\\\\b\\tc\\nd\\re\n");
    assertThat(encode("\\N")).isEqualTo("\\\\N\n");
  }

  @Test
  void instants_are_written_in_utc_with_their_fraction() {
    assertThat(encode(Instant.parse("0001-01-01T00:00:00Z"), Instant.ofEpochSecond(0, 7)))
        .isEqualTo("0001-01-01 00:00:00+00\t1970-01-01 00:00:00.000000007+00\n");
  }

  @Test
  void nul_is_stripped_and_counted() {
    StringBuilder out = new StringBuilder();
    CopyText text = new CopyText(out);
    text.field("a\0b\0");
    text.endRow();

    assertThat(out).hasToString("ab\n");
    assertThat(text.nulsStripped()).isEqualTo(2);
  }

  @Test
  void typed_values_use_formats_postgres_reads() {
    assertThat(
            encode(
                new BigDecimal("1E+3"),
                Instant.parse("2026-01-02T03:04:05.5Z"),
                LocalDate.of(2026, 1, 2),
                new byte[] {0, (byte) 0xab},
                Double.NaN))
        .isEqualTo("1000\t2026-01-02 03:04:05.500000000+00\t2026-01-02\t\\\\x00ab\tNaN\n");
  }
}
