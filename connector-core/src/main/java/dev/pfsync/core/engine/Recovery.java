package dev.pfsync.core.engine;

import dev.pfsync.core.Destination;
import dev.pfsync.core.DestinationUnavailableException;
import dev.pfsync.core.SyncException;
import dev.pfsync.core.state.StateCodec;
import dev.pfsync.core.state.SyncState;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run does when the destination's connection dies under a checkpoint: waits a little longer
 * each time, reads the state again from the destination (the commit may or may not have made it),
 * and lets the run go on from there. Gives up after {@link #MAX_ATTEMPTS} attempts (about two
 * minutes), failing the run as retriable.
 */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
  static final int MAX_ATTEMPTS = 12;
  private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(20);

  /** Waits up to a duration, returning early when a stop is requested. */
  interface Pause {
    void waitFor(Duration duration);
  }

  private final Destination destination;
  private final Pause pause;
  private final BooleanSupplier stopRequested;

  Recovery(Destination destination, Pause pause, BooleanSupplier stopRequested) {
    this.destination = destination;
    this.pause = pause;
    this.stopRequested = stopRequested;
  }

  /**
   * The stored state once the destination answers again, after {@code failure} ended attempt number
   * {@code attempt}.
   *
   * @throws DestinationUnavailableException {@code failure}, once attempts are spent or a stop is
   *     requested
   */
  SyncState reload(DestinationUnavailableException failure, int attempt) {
    DestinationUnavailableException last = failure;
    for (int a = attempt; ; a++) {
      if (a >= MAX_ATTEMPTS || stopRequested.getAsBoolean()) {
        throw last;
      }
      Duration wait = pauseBefore(a);
      LOG.warn(
          "destination unavailable ({}); reading the state again in {} ms",
          last.getMessage(),
          wait.toMillis());
      pause.waitFor(wait);
      try {
        return destination.reloadState().map(StateCodec::decode).orElseGet(SyncState::empty);
      } catch (DestinationUnavailableException e) {
        last = e;
      }
    }
  }

  /**
   * Checks that the stored state is still the one the failed work started from: anything else means
   * another writer moved it, and going on would overwrite its work.
   */
  void requireUnchanged(SyncState stored, SyncState before, DestinationUnavailableException cause) {
    if (!stored.equals(before)) {
      throw new SyncException(
          "the stored state changed while the destination was unavailable (another process?);"
              + " stopping rather than overwriting it",
          cause);
    }
  }

  static Duration pauseBefore(int attempt) {
    long millis = FIRST_PAUSE.toMillis() << Math.min(attempt - 1, 16);
    return Duration.ofMillis(Math.min(millis, MAX_PAUSE.toMillis()));
  }
}
