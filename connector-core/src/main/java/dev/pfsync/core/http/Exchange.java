package dev.pfsync.core.http;

import dev.pfsync.core.ProtocolViolationException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;

/**
 * One GET, from sending it to the last byte of its body or its close: what can end it early (the
 * deadline, a stop, a body over the bound) and what such an end means to the caller. It holds its
 * {@link RequestBudget.Permit} throughout and returns it when it ends.
 */
final class Exchange {
  private final Exchanges owner;
  private final HttpGet get;
  private final String where;
  private final RequestBudget.Permit permit;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile boolean expired;
  private volatile boolean stopped;
  private volatile ScheduledFuture<?> deadline;
  private volatile int status; // 0: no answer yet
  private BoundedBody body;

  Exchange(Exchanges owner, HttpGet get, String where, RequestBudget.Permit permit) {
    this.owner = owner;
    this.get = get;
    this.where = where;
    this.permit = permit;
  }

  HttpGet request() {
    return get;
  }

  void deadline(ScheduledFuture<?> timer) {
    deadline = timer;
  }

  /** The API answered with {@code status}: the budget learns of a 429 when the exchange ends. */
  void answered(int status) {
    this.status = status;
  }

  /** The deadline passed: abort, closing the connection (a blocked read fails at once). */
  void expire() {
    expired = true;
    get.cancel();
  }

  void stop() {
    stopped = true;
    get.cancel();
  }

  /** Drops the connection (a body left unread is not drained). */
  void drop() {
    get.cancel();
  }

  /** The response's body as it is read, bounded by {@link HttpSourceConfig#maxBodyBytes()}. */
  InputStream body(ClassicHttpResponse response) throws IOException {
    HttpEntity entity = response.getEntity();
    InputStream in = entity == null ? InputStream.nullInputStream() : entity.getContent();
    body = new BoundedBody(in, owner.maxBodyBytes(), this);
    return body;
  }

  /** The whole body; the exchange ends with it. */
  byte[] readWhole(ClassicHttpResponse response) throws IOException {
    try {
      return body(response).readAllBytes();
    } finally {
      end(response);
    }
  }

  /**
   * Ends the exchange: its deadline no longer runs, and a body not read to its end is dropped with
   * its connection rather than drained (it may be long, or trickling). Idempotent.
   */
  void end(ClassicHttpResponse response) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    finish();
    if (body == null || !body.atEnd()) {
      drop();
    }
    try {
      response.close();
    } catch (IOException e) {
      // the connection is dropped either way
    }
    released(); // last: the connection is back in the pool for the next permit's request
  }

  /** Ends an exchange that failed before it had a response. */
  void end() {
    if (ended.compareAndSet(false, true)) {
      finish();
      released();
    }
  }

  private void released() {
    int s = status;
    permit.release(
        s == 429
            ? RequestBudget.Outcome.RATE_LIMITED
            : s >= 200 && s < 300 ? RequestBudget.Outcome.SUCCESS : RequestBudget.Outcome.OTHER);
  }

  private void finish() {
    ScheduledFuture<?> timer = deadline;
    if (timer != null) {
      timer.cancel(false);
    }
    owner.ended(this);
  }

  /**
   * What a failed request or read means: a stop is thrown as {@link
   * dev.pfsync.core.SyncStoppedException}; the deadline becomes a {@link RequestDeadlineException};
   * anything else is itself.
   */
  IOException explain(IOException e) {
    checkNotStopped(e);
    if (expired) {
      return new RequestDeadlineException(
          "exceeded the request deadline of " + format(owner.deadline()), e);
    }
    return e;
  }

  void checkNotStopped(Throwable cause) {
    if (stopped || owner.isStopped()) {
      throw owner.stoppedAt(where, cause);
    }
  }

  /** The failure of a body longer than {@code max} bytes; its connection is dropped. */
  ProtocolViolationException tooLong(long max) {
    get.cancel();
    return new ProtocolViolationException(
        where + ": page body over " + max + " bytes (max-body-bytes), counted after decompression");
  }

  static String format(Duration d) {
    if (d.toMillisPart() != 0 || d.isZero()) {
      return d.toMillis() + "ms";
    }
    long s = d.toSeconds();
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    return s % 60 == 0 ? s / 60 + "m" : s + "s";
  }
}
