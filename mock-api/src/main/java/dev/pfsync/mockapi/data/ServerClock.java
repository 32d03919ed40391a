package dev.pfsync.mockapi.data;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's "now", in whole seconds: fixed at an instant (by {@code --now} or {@code POST
 * /admin/clock}), or the wall clock shifted by {@code --clock-offset} and ticking, as the clock of
 * a real server that runs fast or slow.
 */
public final class ServerClock {
  private final Clock wall;
  private final Duration offset;
  private volatile Optional<Instant> fixed;

  public ServerClock(Optional<Instant> fixed, Duration offset) {
    this(fixed, offset, Clock.systemUTC());
  }

  ServerClock(Optional<Instant> fixed, Duration offset, Clock wall) {
    this.wall = Objects.requireNonNull(wall, "wall");
    this.offset = Objects.requireNonNull(offset, "offset");
    this.fixed = fixed.map(ServerClock::truncate);
  }

  /** Current epoch second (rounded down, also before 1970 and for offsets with milliseconds). */
  public long nowSeconds() {
    return fixed.orElseGet(() -> wall.instant().plus(offset)).getEpochSecond();
  }

  public Instant now() {
    return Instant.ofEpochSecond(nowSeconds());
  }

  /** Fixes the clock at {@code instant} (truncated to seconds) from now on; it stops ticking. */
  public void set(Instant instant) {
    fixed = Optional.of(truncate(instant));
  }

  private static Instant truncate(Instant i) {
    return Instant.ofEpochSecond(i.getEpochSecond());
  }
}
