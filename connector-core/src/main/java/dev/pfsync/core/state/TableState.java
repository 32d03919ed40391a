package dev.pfsync.core.state;

import dev.pfsync.core.HistoryStart;
import dev.pfsync.core.Keyset;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The two PFS cursors of one table: the incremental keyset moving forward from the start point, and
 * the historical cursor walking backward from it.
 *
 * @param incremental every row before this position (as of the last incremental run) has been read
 * @param historical the backfill's position
 * @param historicalComplete whether the backfill reached its limit
 */
public record TableState(
    Keyset incremental, HistoricalCursor historical, boolean historicalComplete) {
  public TableState {
    Objects.requireNonNull(incremental, "incremental");
    Objects.requireNonNull(historical, "historical");
  }

  /**
   * The state of a table seen for the first time at {@code now}: both cursors at the start point
   * {@code p = now - recent}; the limit is history-start resolved now. If the limit is not before
   * {@code p} there is no history to read.
   */
  public static TableState initial(
      Instant now, Duration recent, Duration window, HistoryStart historyStart) {
    Instant p = now.minus(recent);
    Instant limit = historyStart.resolve(now);
    if (!limit.isBefore(p)) {
      return new TableState(Keyset.from(p), new HistoricalCursor(limit, p, Keyset.from(p)), true);
    }
    return new TableState(Keyset.from(p), HistoricalCursor.firstWindow(limit, p, window), false);
  }

  /**
   * This state under another history-start limit: an earlier one extends the backfill to it (also
   * after the backfill was complete: the windows between the new and the old limit are read); a
   * later one applies to the windows not yet read (the backfill is complete once the current window
   * reaches it).
   */
  public TableState withHistoryLimit(Instant newLimit, Duration window) {
    Instant oldLimit = historical.limit();
    if (newLimit.isBefore(oldLimit)) {
      if (!historicalComplete) {
        return new TableState(incremental, historical.withLimit(newLimit, window), false);
      }
      // Read so far: [oldLimit, start point); a table created complete never read below its p.
      Instant end = historical.windowEnd().isBefore(oldLimit) ? historical.windowEnd() : oldLimit;
      if (!newLimit.isBefore(end)) {
        return this;
      }
      return new TableState(
          incremental, HistoricalCursor.firstWindow(newLimit, end, window), false);
    }
    if (historicalComplete || newLimit.equals(oldLimit)) {
      return this; // what was read stays read
    }
    if (!historical.windowEnd().isAfter(newLimit)) {
      return new TableState(incremental, historical.withLimit(newLimit, window), true);
    }
    return new TableState(incremental, historical.withLimit(newLimit, window), false);
  }

  /** This state with the incremental cursor at {@code cursor}. */
  public TableState withIncremental(Keyset cursor) {
    return new TableState(cursor, historical, historicalComplete);
  }

  /** This state with the historical position moved inside the current window. */
  public TableState withHistoricalPosition(Keyset position) {
    return new TableState(incremental, historical.at(position), historicalComplete);
  }

  /** This state once the current historical window is read to its end. */
  public TableState windowExhausted(Duration window) {
    return historical
        .nextWindow(window)
        .map(next -> new TableState(incremental, next, false))
        .orElseGet(() -> new TableState(incremental, historical, true));
  }

  /**
   * The approximate share of {@code [limit, p]} the backfill has covered, 0..1.
   *
   * @param p the start point, or an approximation of it
   */
  public double backfillFraction(Instant p, Duration window) {
    if (historicalComplete) {
      return 1.0;
    }
    double total = Duration.between(historical.limit(), p).toMillis();
    if (total <= 0) {
      return 0.0;
    }
    Instant windowStart = historical.windowStart(window);
    double covered =
        Duration.between(historical.windowEnd(), p).toMillis()
            + Duration.between(windowStart, historical.position().since()).toMillis();
    return Math.max(0.0, Math.min(1.0, covered / total));
  }
}
