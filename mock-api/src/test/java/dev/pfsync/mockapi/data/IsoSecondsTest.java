package dev.pfsync.mockapi.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IsoSecondsTest {
  @Test
  void formats_exactly_like_instant_to_string() {
    Rng rng = new Rng(1);
    long[] edges = {
      0,
      -1,
      59,
      86_399,
      86_400,
      951_782_400L,
      253_402_300_799L,
      253_402_300_800L,
      -62_167_219_200L,
      -62_167_219_201L
    };
    for (long s : edges) {
      assertThat(IsoSeconds.format(s)).isEqualTo(Instant.ofEpochSecond(s).toString());
    }
    for (int i = 0; i < 100_000; i++) {
      long s = rng.nextLong(4_102_444_800L) - 100_000_000L;
      assertThat(IsoSeconds.format(s)).isEqualTo(Instant.ofEpochSecond(s).toString());
    }
  }

  @Test
  void unmix_inverts_mix() {
    Rng rng = new Rng(5);
    for (int i = 0; i < 10_000; i++) {
      long x = rng.nextLong();
      assertThat(Rng.unmix(Rng.mix(x))).isEqualTo(x);
    }
  }
}
