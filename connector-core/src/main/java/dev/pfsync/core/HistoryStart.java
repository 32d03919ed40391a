package dev.pfsync.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The backward limit of the historical backfill: a fixed instant, or a duration before "now" that
 * is resolved once, when a table's state is first created.
 */
public sealed interface HistoryStart {

  /** The limit as an instant, given the current time. */
  Instant resolve(Instant now);

  /**
   * The setting as the state records it ({@code 2025-01-01T00:00:00Z}, {@code PT720H}): a sync
   * given another setting than the one recorded re-resolves the limit of every table.
   */
  String setting();

  /** A fixed instant ({@code 2025-01-01T00:00:00Z}, or {@code epoch}). */
  record At(Instant instant) implements HistoryStart {
    public At {
      Objects.requireNonNull(instant, "instant");
    }

    @Override
    public Instant resolve(Instant now) {
      return instant;
    }

    @Override
    public String setting() {
      return instant.toString();
    }
  }

  /** A duration before now ({@code 30d}). */
  record Ago(Duration duration) implements HistoryStart {
    public Ago {
      Objects.requireNonNull(duration, "duration");
      if (duration.isNegative()) {
        throw new IllegalArgumentException("history-start duration cannot be negative");
      }
    }

    @Override
    public Instant resolve(Instant now) {
      return now.minus(duration);
    }

    @Override
    public String setting() {
      return duration.toString();
    }
  }
}
