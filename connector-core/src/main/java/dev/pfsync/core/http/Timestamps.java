package dev.pfsync.core.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;

/**
 * Reads ISO-8601 timestamps leniently where the meaning stays unambiguous, so that an API which
 * changes how it prints a timestamp does not turn its records into rejects: a space (or a
 * lower-case {@code t}) instead of {@code T}, offsets {@code Z}, {@code +00}, {@code +0000}, {@code
 * +00:00} (also {@code UTC}, and a space before the offset, as PostgreSQL and others print them),
 * seconds optional, and a fraction of any length (digits past nanoseconds are dropped). A timestamp
 * without an offset is not an instant: it is rejected where an instant is declared.
 */
final class Timestamps {
  private Timestamps() {}

  /** An instant: date, time and offset. */
  static Instant instant(CharSequence text) {
    Instant plain = plainUtcSeconds(text);
    if (plain != null) {
      return plain;
    }
    Reader r = new Reader(text);
    LocalDateTime local = r.dateTime();
    ZoneOffset offset = r.offset();
    r.end();
    return local.toInstant(offset);
  }

  /** A date and time without offset ({@code NAIVE_DATETIME}). */
  static LocalDateTime naive(CharSequence text) {
    Reader r = new Reader(text);
    LocalDateTime local = r.dateTime();
    r.end();
    return local;
  }

  /**
   * The common form {@code yyyy-MM-ddTHH:mm:ssZ}, read by hand (the hottest frame of page parsing
   * was Instant.parse); null for anything else, which the general reader handles.
   */
  static Instant plainUtcSeconds(CharSequence c) {
    if (c.length() != 20
        || c.charAt(4) != '-'
        || c.charAt(7) != '-'
        || c.charAt(10) != 'T'
        || c.charAt(13) != ':'
        || c.charAt(16) != ':'
        || c.charAt(19) != 'Z') {
      return null;
    }
    for (int i : DIGIT_POSITIONS) {
      char d = c.charAt(i);
      if (d < '0' || d > '9') {
        return null;
      }
    }
    int year = digits(c, 0, 4);
    int month = digits(c, 5, 2);
    int day = digits(c, 8, 2);
    int hour = digits(c, 11, 2);
    int minute = digits(c, 14, 2);
    int second = digits(c, 17, 2);
    if (month < 1
        || month > 12
        || day < 1
        || day > Month.of(month).length(Year.isLeap(year))
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    long days = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(days * 86_400 + hour * 3_600 + minute * 60 + second);
  }

  private static final int[] DIGIT_POSITIONS = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};

  private static int digits(CharSequence c, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      v = v * 10 + (c.charAt(i) - '0');
    }
    return v;
  }

  /** A cursor over the text; every method fails with DateTimeException on unexpected input. */
  private static final class Reader {
    private final CharSequence s;
    private int at;

    Reader(CharSequence s) {
      this.s = s;
    }

    LocalDateTime dateTime() {
      int year = year();
      expect('-');
      int month = number(2);
      expect('-');
      int day = number(2);
      char sep = next();
      if (sep != 'T' && sep != 't' && sep != ' ') {
        throw bad("expected T or a space between date and time");
      }
      int hour = number(2);
      expect(':');
      int minute = number(2);
      int second = 0;
      int nanos = 0;
      if (peek() == ':') {
        at++;
        second = number(2);
        if (peek() == '.' || peek() == ',') {
          at++;
          nanos = fraction();
        }
      }
      if (hour == 24 && minute == 0 && second == 0 && nanos == 0) {
        // ISO 8601's end of day: midnight of the next day, as Instant.parse reads it.
        return LocalDate.of(year, month, day).plusDays(1).atStartOfDay();
      }
      if (hour == 23 && minute == 59 && second == 60) {
        second = 59; // a leap second, smoothed as Instant.parse does
      }
      // LocalDateTime.of checks the ranges (month 1-12, day of that month, hour 0-23, ...).
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos);
    }

    ZoneOffset offset() {
      if (peek() == ' ') {
        at++;
      }
      char c = next();
      if (c == 'Z' || c == 'z') {
        return ZoneOffset.UTC;
      }
      if ((c == 'U' && rest("TC")) || (c == 'G' && rest("MT"))) {
        return ZoneOffset.UTC;
      }
      if (c != '+' && c != '-') {
        throw bad("expected an offset (Z, +00, +0000, +00:00)");
      }
      int sign = c == '+' ? 1 : -1;
      int hours = number(2);
      int minutes = 0;
      if (peek() == ':') {
        at++;
        minutes = number(2);
      } else if (Character.isDigit(peek())) {
        minutes = number(2);
      }
      return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    void end() {
      if (at != s.length()) {
        throw bad("unexpected text after the timestamp");
      }
    }

    private int year() {
      char c = peek();
      int sign = 1;
      if (c == '+' || c == '-') {
        sign = c == '-' ? -1 : 1;
        at++;
      }
      int start = at;
      long v = 0;
      while (Character.isDigit(peek()) && at - start < 10) {
        v = v * 10 + (s.charAt(at++) - '0');
      }
      int length = at - start;
      if (length < 4 || (length > 4 && sign == 1 && c != '+')) {
        throw bad("expected a four-digit year");
      }
      if (v > Year.MAX_VALUE) {
        throw bad("year out of range");
      }
      return (int) (sign * v);
    }

    private int fraction() {
      int start = at;
      long nanos = 0;
      while (Character.isDigit(peek())) {
        if (at - start < 9) {
          nanos = nanos * 10 + (s.charAt(at) - '0');
        }
        at++;
      }
      int digits = at - start;
      if (digits == 0) {
        throw bad("expected digits after the decimal point");
      }
      for (int i = digits; i < 9; i++) {
        nanos *= 10;
      }
      return (int) nanos;
    }

    private int number(int digits) {
      int v = 0;
      for (int i = 0; i < digits; i++) {
        char c = next();
        if (c < '0' || c > '9') {
          throw bad("expected a digit");
        }
        v = v * 10 + (c - '0');
      }
      return v;
    }

    private boolean rest(String tail) {
      for (int i = 0; i < tail.length(); i++) {
        if (next() != tail.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    private void expect(char c) {
      if (next() != c) {
        throw bad("expected '" + c + "'");
      }
    }

    private char peek() {
      return at < s.length() ? s.charAt(at) : '\0';
    }

    private char next() {
      if (at >= s.length()) {
        throw bad("ends too early");
      }
      return s.charAt(at++);
    }

    private DateTimeException bad(String why) {
      return new DateTimeException(why + " at position " + (at + 1));
    }
  }
}
