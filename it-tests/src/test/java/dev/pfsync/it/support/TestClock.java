package dev.pfsync.it.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test moves: {@link #set}, {@link #advance}, and optionally a tick added after every
 * read (so a time budget such as max-duration can expire in a deterministic number of reads).
 * Thread-safe.
 */
public final class TestClock extends Clock {
  private Instant now;
  private Duration tick = Duration.ZERO;

  public TestClock(Instant start) {
    this.now = start;
  }

  public static TestClock at(Instant start) {
    return new TestClock(start);
  }

  public synchronized void set(Instant instant) {
    this.now = instant;
  }

  public synchronized void advance(Duration d) {
    this.now = now.plus(d);
  }

  /** Every later {@link #instant()} call moves the clock forward by {@code d} after reading. */
  public synchronized void tickEachRead(Duration d) {
    this.tick = d;
  }

  /** The current time without ticking. */
  public synchronized Instant peek() {
    return now;
  }

  @Override
  public synchronized Instant instant() {
    Instant read = now;
    now = now.plus(tick);
    return read;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a TestClock is always UTC");
  }
}
