package dev.pfsync.core.http;

import dev.pfsync.core.SyncStoppedException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;

/**
 * The requests of one {@link HttpPageSource} in flight. Each gets a whole-request deadline: a
 * daemon timer aborts it then, closing its connection, so a server trickling bytes (which never
 * trips the socket timeout) cannot hold a page, and the transaction writing it, open for hours.
 * {@link #stop()} aborts them all, wakes the waits between retries and refuses new requests.
 */
final class Exchanges implements AutoCloseable {
  private final Duration deadline;
  private final long maxBodyBytes;
  private final ScheduledThreadPoolExecutor timer;
  private final Set<Exchange> inFlight = ConcurrentHashMap.newKeySet();
  private final CountDownLatch stopped = new CountDownLatch(1);

  Exchanges(Duration deadline, long maxBodyBytes) {
    this.deadline = deadline;
    this.maxBodyBytes = maxBodyBytes;
    // One thread, started on the first request, only ever aborting requests.
    this.timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "pfsync-http-deadline");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
  }

  /**
   * Starts the clock of {@code get}, described as {@code where} in messages, about to be sent under
   * {@code permit} (returned when the exchange ends, or here if it cannot start).
   *
   * @throws SyncStoppedException if the source was stopped
   */
  Exchange start(HttpGet get, String where, RequestBudget.Permit permit) {
    if (isStopped()) {
      permit.release(RequestBudget.Outcome.OTHER);
      throw stoppedAt(where, null);
    }
    Exchange exchange = new Exchange(this, get, where, permit);
    inFlight.add(exchange);
    if (isStopped()) {
      exchange.stop(); // stopped meanwhile: stop() may not have seen it
    }
    exchange.deadline(timer.schedule(exchange::expire, deadline.toNanos(), TimeUnit.NANOSECONDS));
    return exchange;
  }

  /** Aborts every request in flight, wakes every wait and refuses later requests. */
  void stop() {
    stopped.countDown();
    inFlight.forEach(Exchange::stop);
  }

  boolean isStopped() {
    return stopped.getCount() == 0;
  }

  /**
   * Waits {@code duration}, or less if the source is stopped meanwhile.
   *
   * @throws InterruptedException if the thread is interrupted meanwhile
   */
  void await(Duration duration) throws InterruptedException {
    stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS);
  }

  void checkNotStopped(String where) {
    if (isStopped()) {
      throw stoppedAt(where, null);
    }
  }

  SyncStoppedException stoppedAt(String where, Throwable cause) {
    return new SyncStoppedException(where + ": stopped", cause);
  }

  Duration deadline() {
    return deadline;
  }

  long maxBodyBytes() {
    return maxBodyBytes;
  }

  void ended(Exchange exchange) {
    inFlight.remove(exchange);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
