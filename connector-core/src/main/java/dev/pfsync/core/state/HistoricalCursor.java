package dev.pfsync.core.state;

import dev.pfsync.core.Keyset;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the historical backfill of one table stands: it fills the window {@code
 * [windowStart(window), windowEnd)} forward from {@code position}; everything in {@code [windowEnd,
 * start point)} is already read. Windows walk backward until {@code limit}.
 *
 * @param limit the backward limit (history-start resolved when the table's state was created)
 * @param windowEnd exclusive end of the current window
 * @param position keyset position inside the current window
 * @param start inclusive start of the current window, fixed when the window began, so that a
 *     different {@code --window} on a later run cannot leave a gap below it (empty in states
 *     written before it was recorded: then {@code max(limit, windowEnd - window)})
 */
public record HistoricalCursor(
    Instant limit, Instant windowEnd, Keyset position, Optional<Instant> start) {
  public HistoricalCursor {
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(windowEnd, "windowEnd");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(start, "start");
  }

  /** A cursor whose window start follows from the window setting. */
  public HistoricalCursor(Instant limit, Instant windowEnd, Keyset position) {
    this(limit, windowEnd, position, Optional.empty());
  }

  /** The first window, ending at the start point {@code p}; requires {@code limit < p}. */
  public static HistoricalCursor firstWindow(Instant limit, Instant p, Duration window) {
    Instant start = latest(limit, p.minus(window));
    return new HistoricalCursor(limit, p, Keyset.from(start), Optional.of(start));
  }

  /**
   * The inclusive start of the current window: as recorded, else {@code max(limit, windowEnd -
   * window)}.
   */
  public Instant windowStart(Duration window) {
    return start.orElseGet(() -> latest(limit, windowEnd.minus(window)));
  }

  /**
   * This cursor with another backward limit; the current window keeps its start (recorded now if it
   * was not), so only windows not yet begun follow the new limit.
   */
  public HistoricalCursor withLimit(Instant newLimit, Duration window) {
    return new HistoricalCursor(newLimit, windowEnd, position, Optional.of(windowStart(window)));
  }

  /** The same window with the position moved to {@code to}. */
  public HistoricalCursor at(Keyset to) {
    return new HistoricalCursor(limit, windowEnd, to, start);
  }

  /**
   * The window before this one, once this one is read to its end; empty when this window already
   * starts at the limit (the backfill is complete).
   */
  public Optional<HistoricalCursor> nextWindow(Duration window) {
    Instant start = windowStart(window);
    if (!start.isAfter(limit)) {
      return Optional.empty();
    }
    return Optional.of(firstWindow(limit, start, window));
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
