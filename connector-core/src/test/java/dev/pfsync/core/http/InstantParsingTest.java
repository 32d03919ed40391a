package dev.pfsync.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InstantParsingTest {

  @Test
  void the_fast_path_agrees_with_instant_parse_on_random_second_precision_instants() {
    Random random = new Random(7);
    long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 100_000; i++) {
      long s = min + Math.floorMod(random.nextLong(), max - min + 1);
      String text = Instant.ofEpochSecond(s).toString();
      assertThat(Values.parseInstant(text)).as(text).isEqualTo(Instant.parse(text));
      assertThat(Timestamps.plainUtcSeconds(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  @Test
  void the_fast_path_declines_what_is_not_plain_utc_seconds() {
    for (String text :
        new String[] {
          "2026-11-20T08:00:00.5Z", "2026-11-20T24:00:00Z", "2026-02-30T08:00:00Z", "2026-11-20"
        }) {
      assertThat(Timestamps.plainUtcSeconds(text)).as(text).isNull();
    }
  }

  @Test
  void leap_days_month_ends_and_the_epoch_parse_as_instant_parse_does() {
    for (String text :
        new String[] {
          "2024-02-29T23:59:59Z",
          "2000-02-29T00:00:00Z",
          "1970-01-01T00:00:00Z",
          "1969-12-31T23:59:59Z",
          "2026-12-31T23:59:59Z",
          "2026-11-20T08:00:00Z"
        }) {
      assertThat(Values.parseInstant(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  @Test
  void other_forms_still_parse_through_the_general_path() {
    assertThat(Values.parseInstant("2026-11-20T08:00:00.5Z"))
        .isEqualTo(Instant.parse("2026-11-20T08:00:00.500Z"));
    assertThat(Values.parseInstant("2026-11-20T09:00:00+01:00"))
        .isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
  }

  @Test
  void end_of_day_and_leap_seconds_keep_the_meaning_instant_parse_gives_them() {
    assertThat(Values.parseInstant("2026-11-20T24:00:00Z"))
        .isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
    assertThat(Values.parseInstant("2026-11-20T23:59:60Z"))
        .isEqualTo(Instant.parse("2026-11-20T23:59:59Z"));
  }

  @Test
  void impossible_dates_and_times_are_refused_as_before() {
    for (String text :
        new String[] {
          "2026-02-29T00:00:00Z",
          "2026-13-01T00:00:00Z",
          "2026-00-10T00:00:00Z",
          "2026-04-31T00:00:00Z",
          "2026-11-20T23:60:00Z",
          "2026-11-2OT23:00:00Z"
        }) {
      assertThatThrownBy(() -> Values.parseInstant(text))
          .as(text)
          .isInstanceOf(DateTimeException.class);
    }
  }
}
