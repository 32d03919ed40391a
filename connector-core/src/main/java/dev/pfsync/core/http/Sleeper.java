package dev.pfsync.core.http;

import java.time.Duration;

/**
 * Waits between retries. A seam so tests can record the delays instead of sleeping through them.
 */
@FunctionalInterface
public interface Sleeper {
  /**
   * The real thing: waits the whole duration. {@link HttpPageSource} recognises it and waits so
   * that {@link HttpPageSource#stop()} ends the wait at once.
   */
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  /** Waits {@code duration}; throws if the thread is interrupted meanwhile. */
  void sleep(Duration duration) throws InterruptedException;
}
