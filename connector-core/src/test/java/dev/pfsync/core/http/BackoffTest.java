package dev.pfsync.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");

  private final Backoff backoff =
      new Backoff(
          Duration.ofMillis(100),
          Duration.ofSeconds(1),
          Duration.ofSeconds(30),
          new Random(7),
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void draws_full_jitter_under_an_exponentially_growing_cap() {
    long[] caps = {100, 200, 400, 800, 1000, 1000, 1000};
    for (int retry = 1; retry <= caps.length; retry++) {
      long max = 0;
      for (int i = 0; i < 300; i++) {
        long d = backoff.delay(retry, Optional.empty()).toMillis();
        assertThat(d).isBetween(0L, caps[retry - 1]);
        max = Math.max(max, d);
      }
      assertThat(max)
          .as("retry %d uses most of its range", retry)
          .isGreaterThan(caps[retry - 1] / 2);
    }
  }

  @Test
  void does_not_overflow_after_many_retries() {
    assertThat(backoff.delay(500, Optional.empty()))
        .isBetween(Duration.ZERO, Duration.ofSeconds(1));
  }

  @Test
  void same_seed_gives_same_delays() {
    Backoff a =
        new Backoff(
            Duration.ofMillis(100),
            Duration.ofSeconds(5),
            Duration.ZERO,
            new Random(1),
            Clock.systemUTC());
    Backoff b =
        new Backoff(
            Duration.ofMillis(100),
            Duration.ofSeconds(5),
            Duration.ZERO,
            new Random(1),
            Clock.systemUTC());
    for (int retry = 1; retry < 6; retry++) {
      assertThat(a.delay(retry, Optional.empty())).isEqualTo(b.delay(retry, Optional.empty()));
    }
  }

  @Test
  void honours_retry_after_in_seconds() {
    assertThat(backoff.delay(1, Optional.of("3"))).isEqualTo(Duration.ofSeconds(3));
    assertThat(backoff.delay(1, Optional.of(" 0 "))).isEqualTo(Duration.ZERO);
  }

  @Test
  void honours_retry_after_as_an_http_date() {
    assertThat(backoff.delay(1, Optional.of("Fri, 20 Nov 2026 08:00:12 GMT")))
        .isEqualTo(Duration.ofSeconds(12));
    assertThat(backoff.delay(1, Optional.of("Fri, 20 Nov 2026 07:59:00 GMT")))
        .as("a date in the past means now")
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void caps_retry_after() {
    assertThat(backoff.delay(1, Optional.of("3600"))).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.delay(1, Optional.of("99999999999999999999999")))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void ignores_an_unparsable_retry_after_and_backs_off_instead() {
    assertThat(backoff.delay(1, Optional.of("soon")))
        .isBetween(Duration.ZERO, Duration.ofMillis(100));
    assertThat(backoff.delay(1, Optional.of("-5")))
        .isBetween(Duration.ZERO, Duration.ofMillis(100));
  }
}
