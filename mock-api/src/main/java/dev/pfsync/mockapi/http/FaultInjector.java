package dev.pfsync.mockapi.http;

import dev.pfsync.mockapi.data.Rng;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, per {@code /v1} request, which injected fault hits it. Draws come from a generator
 * re-seeded on every PUT, so a given fault set and request sequence fail the same way each run.
 */
final class FaultInjector {
  /** How a successful answer is spoiled, if at all. */
  enum Spoil {
    NONE,
    MALFORMED,
    RESET
  }

  private final long seed;
  private Faults faults = Faults.NONE;
  private Rng rng;
  private long window = -1;
  private int inWindow;

  FaultInjector(long seed) {
    this.seed = seed;
    this.rng = Rng.derive(seed, 77);
  }

  synchronized Faults current() {
    return faults;
  }

  synchronized void set(Faults f) {
    faults = f;
    rng = Rng.derive(seed, 77);
    window = -1;
    inWindow = 0;
  }

  /**
   * Sleeps for the latency, then throws the 429/error answer or returns how to spoil the answer.
   */
  Spoil decide() throws InterruptedException {
    Faults f;
    double error;
    double reset;
    double malformed;
    boolean limited;
    synchronized (this) {
      f = faults;
      error = rng.nextDouble();
      reset = rng.nextDouble();
      malformed = rng.nextDouble();
      limited = overRate(f);
    }
    if (f.latencyMs() > 0) {
      Thread.sleep(f.latencyMs());
    }
    if (limited) {
      throw new ApiException(
          429,
          "rate limit exceeded (" + f.rateLimitRps() + " requests/s)",
          Optional.empty(),
          Map.of("Retry-After", String.valueOf(Math.max(1, f.retryAfterS()))));
    }
    if (error < f.errorRate()) {
      int status = f.effectiveErrorStatus();
      boolean retryAfter = f.retryAfterS() > 0 || status == 429;
      throw new ApiException(
          status,
          "injected fault",
          Optional.empty(),
          retryAfter
              ? Map.of("Retry-After", String.valueOf(Math.max(1, f.retryAfterS())))
              : Map.of());
    }
    if (reset < f.resetRate()) {
      return Spoil.RESET;
    }
    return malformed < f.malformedRate() ? Spoil.MALFORMED : Spoil.NONE;
  }

  /** Fixed one-second windows of wall time. */
  private boolean overRate(Faults f) {
    if (f.rateLimitRps() <= 0) {
      return false;
    }
    long second = System.nanoTime() / 1_000_000_000L;
    if (second != window) {
      window = second;
      inWindow = 0;
    }
    return ++inWindow > f.rateLimitRps();
  }
}
