package dev.pfsync.core.http;

/**
 * Requests per second as a token bucket: {@code rate} tokens a second, of which at most a tenth of
 * a second's worth (at least one) is saved up. Over any second the API sees at most about {@code
 * 1.1 * rate + 1} requests: a bucket of a whole second's worth would let a source that was slow to
 * start send up to twice its rate within one second, which an API limiting exactly that answers
 * with 429s. The small saving makes up for a waiter woken a little late. Not thread-safe: {@link
 * RequestBudget} holds its lock around every call.
 */
final class TokenBucket {
  private static final double NANOS_PER_SECOND = 1e9;
  // Rounding may leave a waited-for token a hair short of 1: count it as whole.
  private static final double EPSILON = 1e-9;

  private final double rate;
  private final double capacity;
  private double tokens;
  private long refilledAt;

  TokenBucket(double rate, long now) {
    this.rate = rate;
    this.capacity = Math.max(1, rate / 10);
    this.tokens = capacity;
    this.refilledAt = now;
  }

  /** Nanoseconds until a token is there at {@code now}; 0 if one is. */
  long nanosUntilToken(long now) {
    refill(now);
    if (tokens >= 1 - EPSILON) {
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - tokens) / rate * NANOS_PER_SECOND));
  }

  /** Takes a token; {@link #nanosUntilToken(long)} said there is one. */
  void take(long now) {
    refill(now);
    tokens -= 1;
  }

  double rate() {
    return rate;
  }

  private void refill(long now) {
    long elapsed = now - refilledAt;
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + elapsed * rate / NANOS_PER_SECOND);
      refilledAt = now;
    }
  }
}
