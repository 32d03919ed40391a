package dev.pfsync.core.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;

/**
 * The time of one {@link HttpPageSource}: its waits between retries and the clock its {@link
 * RequestBudget} reads. With {@link Sleeper#SYSTEM} both are real and a stop ends a wait at once.
 * With a test's sleeper, the budget's clock moves on by what the sleeper "slept", so a {@code
 * Retry-After} that the sleeper skipped does not hold the next request for real.
 */
final class SourceTime implements Ticker {
  private final Sleeper sleeper;
  private final Exchanges exchanges;
  private final AtomicLong skipped = new AtomicLong();

  SourceTime(Sleeper sleeper, Exchanges exchanges) {
    this.sleeper = sleeper;
    this.exchanges = exchanges;
  }

  @Override
  public long nanoTime() {
    return System.nanoTime() + skipped.get();
  }

  @Override
  public void await(Condition condition, long nanos) throws InterruptedException {
    condition.awaitNanos(nanos);
  }

  /** Waits {@code delay} between two attempts of a request. */
  void sleep(Duration delay) throws InterruptedException {
    if (sleeper == Sleeper.SYSTEM) {
      exchanges.await(delay); // the real wait: stop() ends it early
    } else {
      sleeper.sleep(delay);
      skipped.addAndGet(delay.toNanos());
    }
  }
}
