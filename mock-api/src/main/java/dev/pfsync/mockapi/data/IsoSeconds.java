package dev.pfsync.mockapi.data;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Formats epoch seconds as ISO-8601 UTC text ({@code 2026-11-20T08:00:00Z}), exactly as {@link
 * Instant#toString()} does, without allocating a {@code LocalDateTime} per row.
 */
public final class IsoSeconds {
  /** Length of the text for years 0000..9999. */
  public static final int LENGTH = 20;

  private static final long MIN = -62167219200L; // 0000-01-01T00:00:00Z
  private static final long MAX = 253402300799L; // 9999-12-31T23:59:59Z

  private IsoSeconds() {}

  public static String format(long epochSecond) {
    if (epochSecond < MIN || epochSecond > MAX) {
      return Instant.ofEpochSecond(epochSecond).toString();
    }
    char[] buf = new char[LENGTH];
    write(epochSecond, buf);
    return new String(buf);
  }

  /**
   * Writes the text into {@code buf} (at least {@link #LENGTH} chars) and returns its length; for
   * years outside 0000..9999 falls back to {@link Instant#toString()}.
   */
  public static int write(long epochSecond, char[] buf) {
    if (epochSecond < MIN || epochSecond > MAX) {
      String s = Instant.ofEpochSecond(epochSecond).toString();
      s.getChars(0, s.length(), buf, 0);
      return s.length();
    }
    long day = Math.floorDiv(epochSecond, 86_400L);
    int secOfDay = (int) Math.floorMod(epochSecond, 86_400L);
    LocalDate date = LocalDate.ofEpochDay(day);
    int year = date.getYear();
    buf[0] = digit(year / 1000);
    buf[1] = digit(year / 100 % 10);
    buf[2] = digit(year / 10 % 10);
    buf[3] = digit(year % 10);
    buf[4] = '-';
    two(date.getMonthValue(), buf, 5);
    buf[7] = '-';
    two(date.getDayOfMonth(), buf, 8);
    buf[10] = 'T';
    two(secOfDay / 3600, buf, 11);
    buf[13] = ':';
    two(secOfDay / 60 % 60, buf, 14);
    buf[16] = ':';
    two(secOfDay % 60, buf, 17);
    buf[19] = 'Z';
    return LENGTH;
  }

  private static void two(int v, char[] buf, int at) {
    buf[at] = digit(v / 10);
    buf[at + 1] = digit(v % 10);
  }

  private static char digit(int d) {
    return (char) ('0' + d);
  }
}
