package dev.pfsync.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Timestamps are read leniently where the meaning is plain, and refused where it is not. */
class TimestampsTest {
  static final Instant TEN = Instant.parse("2024-01-01T10:00:00Z");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-01-01T10:00:00Z",
        "2024-01-01 10:00:00+00",
        "2024-01-01 10:00:00+0000",
        "2024-01-01 10:00:00+00:00",
        "2024-01-01T10:00:00z",
        "2024-01-01t10:00:00Z",
        "2024-01-01 10:00:00 UTC",
        "2024-01-01T10:00Z",
        "2024-01-01T11:00:00+01",
        "2024-01-01T05:30:00-04:30",
        "2024-01-01 10:00:00.000000+00",
        "2024-01-01T10:00:00.0Z"
      })
  void the_forms_apis_print_read_as_the_same_instant(String text) {
    assertThat(Timestamps.instant(text)).isEqualTo(TEN);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-01-01T10:00:00.1Z",
        "2024-01-01T10:00:00.12Z",
        "2024-01-01T10:00:00.123456789Z",
        "2024-01-01T10:00:00.123456789123Z",
        "2024-01-01 10:00:00.1234+00"
      })
  void fractions_of_any_length_keep_their_digits_to_the_nanosecond(String text) {
    String fraction = text.substring(text.indexOf('.') + 1).replaceAll("[^0-9]", "");
    String nine = (fraction + "000000000").substring(0, 9);
    assertThat(Timestamps.instant(text)).isEqualTo(TEN.plusNanos(Long.parseLong(nine)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-01-01T10:00:00",
        "2024-01-01",
        "yesterday",
        "2024-1-01T10:00:00Z",
        "2024-01-01T10:00:00+25:00",
        "2024-02-30T10:00:00Z",
        "2024-01-01T10:00:00.Z",
        "2024-01-01T10:00:00Z trailing",
        "20240101T100000Z"
      })
  void ambiguous_or_impossible_text_is_refused(String text) {
    assertThatThrownBy(() -> Timestamps.instant(text)).isInstanceOf(DateTimeException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z"})
  void years_outside_four_digits_parse_when_signed_so_the_destination_can_judge_them(String text) {
    assertThat(Timestamps.instant(text)).isEqualTo(Instant.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-01-01T10:00:00", "2024-01-01 10:00:00", "2024-01-01 10:00"})
  void naive_date_times_take_a_space_too(String text) {
    assertThat(Timestamps.naive(text)).isEqualTo(LocalDateTime.parse("2024-01-01T10:00:00"));
  }
}
