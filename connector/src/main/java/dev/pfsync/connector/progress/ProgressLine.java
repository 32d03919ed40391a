package dev.pfsync.connector.progress;

import dev.pfsync.core.Progress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One line of progress text: mode, table, rows, rate, window, backfill share. */
final class ProgressLine {
  private ProgressLine() {}

  static String of(Progress p) {
    return String.format(
        Locale.ROOT,
        "%-11s %-10s %,12d rows %,9.0f rows/s  window %s .. %s  backfill %5.1f%%",
        p.mode().wireName(),
        p.table(),
        p.rows(),
        p.rowsPerSecond(),
        minute(p.windowStart()),
        p.windowEnd().map(ProgressLine::minute).orElse("now"),
        p.backfillFraction() * 100);
  }

  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private static String minute(Instant t) {
    return MINUTE.format(t);
  }
}
