package dev.pfsync.core.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Random;

/**
 * Delays between retries: exponential backoff with full jitter, unless the server said how long to
 * wait with {@code Retry-After} (honoured up to a cap).
 */
final class Backoff {
  private final Duration initial;
  private final Duration max;
  private final Duration maxRetryAfter;
  private final Random random;
  private final Clock clock;

  Backoff(Duration initial, Duration max, Duration maxRetryAfter, Random random, Clock clock) {
    this.initial = initial;
    this.max = max;
    this.maxRetryAfter = maxRetryAfter;
    this.random = random;
    this.clock = clock;
  }

  /**
   * The wait before retry number {@code retry} (1-based): the server's {@code Retry-After} if it
   * gave a valid one (capped), else a uniform draw in [0, min(max, initial * 2^(retry-1))].
   */
  Duration delay(int retry, Optional<String> retryAfterHeader) {
    return retryAfter(retryAfterHeader).orElseGet(() -> jittered(cap(retry)));
  }

  /** The wait a valid {@code Retry-After} asks for, capped at {@code maxRetryAfter}. */
  Optional<Duration> retryAfter(Optional<String> retryAfterHeader) {
    return retryAfterHeader
        .flatMap(this::parseRetryAfter)
        .map(asked -> asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked);
  }

  private Duration cap(int retry) {
    long initialNanos = initial.toNanos();
    long maxNanos = max.toNanos();
    int shift = Math.min(retry - 1, 62);
    if (initialNanos == 0 || initialNanos > (maxNanos >> shift)) {
      return initialNanos == 0 ? Duration.ZERO : max;
    }
    return Duration.ofNanos(initialNanos << shift);
  }

  private Duration jittered(Duration cap) {
    long millis = cap.toMillis();
    if (millis <= 0) {
      return Duration.ZERO;
    }
    synchronized (random) {
      return Duration.ofMillis((long) (random.nextDouble() * (millis + 1)));
    }
  }

  /** Delta-seconds or an HTTP-date; anything else is ignored (the backoff applies instead). */
  Optional<Duration> parseRetryAfter(String value) {
    String v = value.trim();
    if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
      } catch (NumberFormatException e) {
        return Optional.of(maxRetryAfter); // absurdly many digits: wait as long as allowed
      }
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration until = Duration.between(clock.instant(), at);
      return Optional.of(until.isNegative() ? Duration.ZERO : until);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
