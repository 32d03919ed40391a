package dev.pfsync.core.http;

import java.util.concurrent.locks.Condition;

/**
 * Time as {@link RequestBudget} reads it and waits for it: the system's, or in tests a fake that
 * moves on when waited on, so a test of rates and pauses takes no real time.
 */
interface Ticker {
  Ticker SYSTEM =
      new Ticker() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void await(Condition condition, long nanos) throws InterruptedException {
          condition.awaitNanos(nanos);
        }
      };

  /** A monotonic time in nanoseconds (as {@link System#nanoTime()}). */
  long nanoTime();

  /** Waits on {@code condition} (its lock held) until signalled, at most {@code nanos}. */
  void await(Condition condition, long nanos) throws InterruptedException;
}
