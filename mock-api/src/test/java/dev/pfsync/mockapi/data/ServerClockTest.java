package dev.pfsync.mockapi.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerClockTest {
  static final Instant WALL = Instant.parse("2026-11-20T08:00:00.250Z");

  @Test
  void an_offset_clock_is_the_wall_clock_shifted_and_rounded_down_to_the_second() {
    assertThat(clock(Duration.ofSeconds(-60)).now()).isEqualTo("2026-11-20T07:59:00Z");
    assertThat(clock(Duration.ofSeconds(90)).now()).isEqualTo("2026-11-20T08:01:30Z");
    assertThat(clock(Duration.ofMillis(-500)).now()).isEqualTo("2026-11-20T07:59:59Z");
    assertThat(clock(Duration.ofMillis(800)).nowSeconds()).isEqualTo(WALL.getEpochSecond() + 1);
  }

  @Test
  void an_offset_clock_ticks_with_the_wall_clock() {
    MutableClock wall = new MutableClock(WALL);
    ServerClock clock = new ServerClock(Optional.empty(), Duration.ofSeconds(-60), wall);
    wall.now = WALL.plusSeconds(5);
    assertThat(clock.now()).isEqualTo("2026-11-20T07:59:05Z");
  }

  @Test
  void a_fixed_clock_stands_still_and_set_fixes_an_offset_clock() {
    MutableClock wall = new MutableClock(WALL);
    ServerClock fixed =
        new ServerClock(Optional.of(Instant.parse("2030-01-01T00:00:00.9Z")), Duration.ZERO, wall);
    wall.now = WALL.plusSeconds(5);
    assertThat(fixed.now()).isEqualTo("2030-01-01T00:00:00Z");

    ServerClock offset = new ServerClock(Optional.empty(), Duration.ofSeconds(-60), wall);
    offset.set(Instant.parse("2031-01-01T00:00:00Z"));
    wall.now = WALL.plusSeconds(10);
    assertThat(offset.now()).isEqualTo("2031-01-01T00:00:00Z");
  }

  private static ServerClock clock(Duration offset) {
    return new ServerClock(Optional.empty(), offset, Clock.fixed(WALL, ZoneOffset.UTC));
  }

  /** A wall clock the test moves. */
  static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
