package dev.pfsync.mockapi.data;

import java.time.Instant;
import java.util.Optional;

/**
 * The server's "now", in whole seconds: fixed at an instant (by {@code --now} or {@code POST
 * /admin/clock}) or the wall clock.
 */
public final class ServerClock {
  private volatile Optional<Instant> fixed;

  public ServerClock(Optional<Instant> fixed) {
    this.fixed = fixed.map(ServerClock::truncate);
  }

  /** Current epoch second. */
  public long nowSeconds() {
    return fixed.orElseGet(Instant::now).getEpochSecond();
  }

  public Instant now() {
    return Instant.ofEpochSecond(nowSeconds());
  }

  /** Fixes the clock at {@code instant} (truncated to seconds) from now on. */
  public void set(Instant instant) {
    fixed = Optional.of(truncate(instant));
  }

  private static Instant truncate(Instant i) {
    return Instant.ofEpochSecond(i.getEpochSecond());
  }
}
