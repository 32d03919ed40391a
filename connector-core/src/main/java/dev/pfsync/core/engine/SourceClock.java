package dev.pfsync.core.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The source's clock as its answers tell it (an HTTP API's {@code Date} header): how far it runs
 * behind or ahead of ours. Incremental runs bound their reads by the earlier of the two clocks, so
 * an API a minute behind is not asked for rows it may still stamp. Used by the run's thread only.
 */
final class SourceClock {
  private final Clock local;
  private Duration offset; // source minus local, as last seen; null until a page said

  SourceClock(Clock local) {
    this.local = local;
  }

  /** Notes the source's time of an answer received just now. */
  void observed(Optional<Instant> serverTime) {
    // The Date header is truncated to the second and read after the answer left the source: the
    // offset seen is a little early, which only makes the bounds it sets safer.
    serverTime.ifPresent(t -> offset = Duration.between(local.instant(), t));
  }

  /** The earlier of {@code localNow} and the source's estimated time at that instant. */
  Instant earlierOf(Instant localNow) {
    if (offset == null || !offset.isNegative()) {
      return localNow;
    }
    return localNow.plus(offset);
  }
}
