package dev.pfsync.mockapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MockApiOptionsTest {
  @Test
  void defaults_follow_the_design() {
    MockApiOptions o = MockApiOptions.parse();
    assertThat(o.host()).isEqualTo("127.0.0.1");
    assertThat(o.port()).isEqualTo(5001);
    assertThat(o.users()).isEqualTo(100_000);
    assertThat(o.historyDays()).isEqualTo(30);
    assertThat(o.seed()).isEqualTo(42);
    assertThat(o.now()).isEmpty();
    assertThat(o.clockOffset()).isZero();
    assertThat(o.effectiveBurst()).isEqualTo(12_000);
    assertThat(o.token()).isEmpty();
    assertThat(o.admin()).isFalse();
    assertThat(o.withUsers(2_000).effectiveBurst()).isEqualTo(500);
  }

  @Test
  void every_flag_parses_in_both_spellings() {
    MockApiOptions o =
        MockApiOptions.parse(
            "--host",
            "0.0.0.0",
            "--port=0",
            "--users",
            "5000",
            "--history-days=7",
            "--seed",
            "-3",
            "--now",
            "2026-11-20T08:00:00Z",
            "--clock-offset=0s",
            "--burst=100",
            "--token",
            "abc",
            "--admin");
    assertThat(o)
        .isEqualTo(
            MockApiOptions.defaults()
                .withHost("0.0.0.0")
                .withPort(0)
                .withUsers(5_000)
                .withHistoryDays(7)
                .withSeed(-3)
                .withNow(Instant.parse("2026-11-20T08:00:00Z"))
                .withBurst(100)
                .withToken("abc")
                .withAdmin(true));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--users abc | --users",
        "--users -1 | --users",
        "--port 70000 | --port",
        "--history-days 0 | --history-days",
        "--now yesterday | --now",
        "--users 10 --burst 20 | --burst",
        "--seed 1.5 | --seed",
        "--bogus 1 | --bogus",
        "--users | --users",
        "--admin=yes | --admin",
        "--clock-offset 60 | --clock-offset",
        "--clock-offset 1m30 | --clock-offset",
        "--clock-offset 30s1m | --clock-offset",
        "--clock-offset 1.5s | --clock-offset",
        "--clock-offset -- | --clock-offset",
        "--clock-offset 366d | --clock-offset",
        "--clock-offset -9000h | --clock-offset",
        "--port 99999999999 | --port",
      })
  void bad_flags_fail_with_a_message_naming_the_flag(String args, String flag) {
    assertThatThrownBy(() -> MockApiOptions.parse(args.trim().split(" +")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(flag);
  }

  @ParameterizedTest
  @CsvSource({
    "-60s, -60000",
    "90s, 90000",
    "1m, 60000",
    "+2m, 120000",
    "-1h30m, -5400000",
    "500ms, 500",
    "1m500ms, 60500",
    "-2d3h4m5s6ms, -183845006",
    "0s, 0",
    "0, 0",
    "-0s, 0",
    "365d, 31536000000",
  })
  void a_clock_offset_takes_signed_durations_in_units_from_days_to_milliseconds(
      String flag, long millis) {
    MockApiOptions o = MockApiOptions.parse("--clock-offset", flag);
    assertThat(o.clockOffset()).isEqualTo(Duration.ofMillis(millis));
    assertThat(MockApiOptions.parse("--clock-offset=" + flag)).isEqualTo(o);
    assertThat(DurationFlag.parse("--clock-offset", DurationFlag.format(o.clockOffset())))
        .isEqualTo(o.clockOffset());
  }

  @Test
  void an_offset_is_written_back_as_the_flag_takes_it() {
    assertThat(DurationFlag.format(Duration.ofSeconds(-90))).isEqualTo("-1m30s");
    assertThat(DurationFlag.format(Duration.ofMillis(3_600_500))).isEqualTo("+1h500ms");
    assertThat(DurationFlag.format(Duration.ZERO)).isEqualTo("0s");
  }

  @Test
  void a_fixed_now_and_a_non_zero_clock_offset_exclude_each_other_in_either_order() {
    for (String[] args :
        List.of(
            new String[] {"--now", "2026-11-20T08:00:00Z", "--clock-offset", "-60s"},
            new String[] {"--clock-offset=+1s", "--now=2026-11-20T08:00:00Z"})) {
      assertThatThrownBy(() -> MockApiOptions.parse(args))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("--now")
          .hasMessageContaining("--clock-offset");
    }
    assertThat(MockApiOptions.parse("--now", "2026-11-20T08:00:00Z", "--clock-offset", "0s").now())
        .contains(Instant.parse("2026-11-20T08:00:00Z"));
  }
}
