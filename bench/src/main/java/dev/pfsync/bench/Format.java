package dev.pfsync.bench;

import java.util.Locale;

/** How figures read in the report and on stderr. */
final class Format {
  private Format() {}

  static String rate(double rowsPerSecond) {
    return count((long) rowsPerSecond) + " rows/s";
  }

  static String ratio(double r) {
    return String.format(Locale.ROOT, "%.2f", r);
  }

  static String secs(double s) {
    return String.format(Locale.ROOT, "%.2f s", s);
  }

  static String mb(long kb) {
    return String.format(Locale.ROOT, "%d MB", kb / 1024);
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
