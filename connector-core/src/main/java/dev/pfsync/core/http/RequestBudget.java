package dev.pfsync.core.http;

import dev.pfsync.core.RetriableException;
import dev.pfsync.core.SyncStoppedException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one {@link HttpPageSource} may send, shared by all its threads: every request, retries
 * included, takes a {@link Permit} before it is sent and returns it when its response is done.
 *
 * <ul>
 *   <li>a token bucket of {@code maxRequestsPerSecond} (burst: a tenth of a second's worth, at
 *       least 1);
 *   <li>a limit on requests in flight (AIMD): it starts at the ceiling, halves on HTTP 429 and
 *       grows by one after each run of successes as long as itself, back up to the ceiling;
 *   <li>a pause: {@code Retry-After} stops every thread until the time it names.
 * </ul>
 *
 * Waiters are served first come, first served. A thread holding a permit (an open page) that asks
 * for another may wait for itself: the wait is bounded, then a {@link RetriableException}.
 */
final class RequestBudget {
  private static final Logger log = LoggerFactory.getLogger(RequestBudget.class);
  private static final long FOREVER = Long.MAX_VALUE;

  /** What became of a request, as far as the limit on requests in flight cares. */
  enum Outcome {
    SUCCESS,
    RATE_LIMITED,
    OTHER
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  private final Ticker ticker;
  private final Clock clock;
  private final TokenBucket bucket; // null: no rate limit
  private final InFlightLimit slots;
  private long pausedUntil; // in the past when not paused
  private boolean stopped;

  /**
   * @param ceiling the most requests in flight (the limit halves on 429 and grows back to it)
   * @param clock only tells the time of day in log lines
   */
  RequestBudget(OptionalDouble maxRequestsPerSecond, int ceiling, Ticker ticker, Clock clock) {
    this.ticker = ticker;
    this.clock = clock;
    this.bucket =
        maxRequestsPerSecond.isPresent()
            ? new TokenBucket(maxRequestsPerSecond.getAsDouble(), ticker.nanoTime())
            : null;
    this.slots = new InFlightLimit(ceiling);
    this.pausedUntil = ticker.nanoTime();
  }

  /**
   * Waits until a request may be sent: no pause, a free slot, a token, and no earlier waiter.
   *
   * @param where names the request in messages
   * @param maxWait the longest wait for a slot or a token; a {@code Retry-After} pause (bounded by
   *     itself) does not count
   * @throws SyncStoppedException if {@link #stop()} was called, before or during the wait
   * @throws RetriableException if the wait took longer than {@code maxWait}
   */
  Permit acquire(String where, Duration maxWait) throws InterruptedException {
    Object me = new Object();
    long maxWaitNanos = saturatedNanos(maxWait);
    lock.lock();
    try {
      queue.addLast(me);
      long start = ticker.nanoTime();
      try {
        while (true) {
          if (stopped) {
            throw new SyncStoppedException(where + ": stopped (waiting for the request budget)");
          }
          long now = ticker.nanoTime();
          long wait = waitNanos(me, now);
          if (wait == 0) {
            if (bucket != null) {
              bucket.take(now);
            }
            return new Permit(slots.sent());
          }
          long from = pausedUntil - start > 0 ? pausedUntil : start;
          long left = maxWaitNanos - (now - from);
          if (left <= 0) {
            throw new RetriableException(
                where
                    + ": waited more than "
                    + Exchange.format(maxWait)
                    + " (request-timeout) for the request budget ("
                    + describe()
                    + ")");
          }
          ticker.await(changed, Math.min(wait, left));
        }
      } finally {
        queue.remove(me);
        changed.signalAll(); // the next in line may go now, or must see that it heads the queue
      }
    } finally {
      lock.unlock();
    }
  }

  /** How long {@code me} must still wait at {@code now}: 0 to go, FOREVER for a signal. */
  private long waitNanos(Object me, long now) {
    if (pausedUntil - now > 0) {
      return pausedUntil - now;
    }
    if (queue.peekFirst() != me || !slots.hasRoom()) {
      return FOREVER;
    }
    return bucket == null ? 0 : bucket.nanosUntilToken(now);
  }

  /**
   * Sends no request, from any thread, for {@code duration} from now ({@code Retry-After}); a pause
   * in force ends at the later of the two ends, so simultaneous answers do not add up.
   */
  void pause(Duration duration) {
    lock.lock();
    try {
      long now = ticker.nanoTime();
      long until = now + saturatedNanos(duration);
      if (duration.isZero() || until - pausedUntil <= 0) {
        return;
      }
      // Several threads told to wait at once extend the pause by a few ms each: log it once.
      boolean news = pausedUntil - now <= 0 || until - pausedUntil > TimeUnit.SECONDS.toNanos(1);
      pausedUntil = until;
      if (news) {
        log.warn(
            "API asked to wait (Retry-After): no request is sent until {} ({} from now)",
            clock.instant().plus(duration),
            Exchange.format(duration));
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Ends every wait at once with a {@link SyncStoppedException}, and refuses later requests. */
  void stop() {
    lock.lock();
    try {
      stopped = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The current limit on requests in flight. */
  int limit() {
    lock.lock();
    try {
      return slots.limit();
    } finally {
      lock.unlock();
    }
  }

  /** Requests waiting for the budget now. */
  int waiting() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  private void release(long epoch, Outcome outcome) {
    lock.lock();
    try {
      slots.done(epoch, outcome);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private String describe() {
    return (bucket == null ? "" : "max-rps " + rate(bucket.rate()) + ", ")
        + slots
        + ", "
        + (queue.size() - 1)
        + " other requests waiting";
  }

  private static String rate(double rps) {
    return rps == Math.rint(rps) ? String.valueOf((long) rps) : String.valueOf(rps);
  }

  private static long saturatedNanos(Duration d) {
    return d.compareTo(Duration.ofDays(365)) > 0 ? TimeUnit.DAYS.toNanos(365) : d.toNanos();
  }

  /** The right to send one request; returned once, when its response is done. */
  final class Permit {
    private final long epoch;
    private final AtomicBoolean released = new AtomicBoolean();

    private Permit(long epoch) {
      this.epoch = epoch;
    }

    /** Returns the permit; later calls do nothing. */
    void release(Outcome outcome) {
      if (released.compareAndSet(false, true)) {
        RequestBudget.this.release(epoch, outcome);
      }
    }
  }
}
