package dev.pfsync.core.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;

/**
 * A {@link Ticker} for one thread: waiting moves the time on at once by the whole wait, and the
 * waits are recorded. It starts just before {@code nanoTime} wraps around, as a real one may.
 */
final class FakeTicker implements Ticker {
  private volatile long now = Long.MAX_VALUE - Duration.ofSeconds(5).toNanos();
  final List<Duration> waits = new CopyOnWriteArrayList<>();

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public void await(Condition condition, long nanos) {
    waits.add(Duration.ofNanos(nanos));
    now += nanos;
  }

  void advance(Duration d) {
    now += d.toNanos();
  }

  Duration waited() {
    return waits.stream().reduce(Duration.ZERO, Duration::plus);
  }
}
