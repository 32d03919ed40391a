package dev.pfsync.core.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many requests may be in flight, adapted as TCP adapts its window (AIMD): it starts at the
 * ceiling, halves on HTTP 429 (once for all the requests sent before), and grows by one after each
 * run of successes as long as itself among the requests sent at the current limit, back up to the
 * ceiling. An API that limits concurrency thus sees a 429 now and then, not a storm. Not
 * thread-safe: {@link RequestBudget} holds its lock around every call.
 */
final class InFlightLimit {
  private static final Logger log = LoggerFactory.getLogger(InFlightLimit.class);

  private final int ceiling;
  private int limit;
  private int inFlight;
  private int successes;
  // Bumped by each change of the limit. A request reports the epoch it was sent in: only the
  // successes of requests sent at the current limit show that it holds, and the 429s of requests
  // sent before the last decrease were answered by it already (sixteen 429s from one burst halve
  // the limit once, not down to 1).
  private long epoch;
  private long decreasedAt;

  InFlightLimit(int ceiling) {
    this.ceiling = ceiling;
    this.limit = ceiling;
  }

  boolean hasRoom() {
    return inFlight < limit;
  }

  /** A request is sent; the epoch it was sent in. */
  long sent() {
    inFlight++;
    return epoch;
  }

  /** A request sent in {@code sentIn} is done. */
  void done(long sentIn, RequestBudget.Outcome outcome) {
    inFlight--;
    if (outcome == RequestBudget.Outcome.RATE_LIMITED && sentIn >= decreasedAt) {
      int was = limit;
      limit = Math.max(1, limit / 2);
      decreasedAt = ++epoch;
      successes = 0;
      if (limit != was) {
        log.warn("HTTP 429: requests in flight limited to {} (was {})", limit, was);
      }
    } else if (outcome == RequestBudget.Outcome.SUCCESS
        && sentIn == epoch
        && limit < ceiling
        && ++successes >= limit) {
      limit++;
      epoch++;
      successes = 0;
      log.info("requests in flight limited to {} of {}", limit, ceiling);
    }
  }

  int limit() {
    return limit;
  }

  @Override
  public String toString() {
    return inFlight + " in flight, limit " + limit + " of " + ceiling;
  }
}
