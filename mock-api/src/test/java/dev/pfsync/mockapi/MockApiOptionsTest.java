package dev.pfsync.mockapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
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
        "--port 99999999999 | --port",
      })
  void bad_flags_fail_with_a_message_naming_the_flag(String args, String flag) {
    assertThatThrownBy(() -> MockApiOptions.parse(args.trim().split(" +")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(flag);
  }
}
