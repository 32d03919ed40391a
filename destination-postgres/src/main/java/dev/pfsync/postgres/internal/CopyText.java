package dev.pfsync.postgres.internal;

import dev.pfsync.core.DestinationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Encodes values in PostgreSQL's COPY text format: tab-separated, newline-terminated, {@code \N}
 * for NULL, with backslash, tab, newline and carriage return escaped. NUL characters, which
 * PostgreSQL text cannot hold, are stripped and counted ({@link #nulsStripped()}).
 */
public final class CopyText {
  private static final int[] POW10 = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder out;
  private boolean rowStarted;
  private long nulsStripped;

  public CopyText(StringBuilder out) {
    this.out = out;
  }

  /** Appends one field of the current row. */
  public void field(Object value) {
    if (rowStarted) {
      out.append('\t');
    }
    rowStarted = true;
    if (value == null) {
      out.append("\\N");
    } else if (value instanceof String s) {
      string(s);
    } else if (value instanceof Boolean b) {
      out.append(b ? 't' : 'f');
    } else if (value instanceof Number n) {
      number(n);
    } else if (value instanceof Instant i) {
      instant(i);
    } else if (value instanceof LocalDate || value instanceof LocalDateTime) {
      // ISO-8601, which PostgreSQL reads for date and timestamp alike.
      out.append(value);
    } else if (value instanceof byte[] bytes) {
      bytea(bytes);
    } else {
      throw new DestinationException(
          "cannot write a value of Java type " + value.getClass().getName());
    }
  }

  /** Ends the current row. */
  public void endRow() {
    out.append('\n');
    rowStarted = false;
  }

  /** NUL characters removed from strings so far. */
  public long nulsStripped() {
    return nulsStripped;
  }

  private void number(Number n) {
    if (n instanceof BigDecimal d) {
      out.append(d.toPlainString());
    } else {
      // Integer/Long print plainly; Double prints NaN, Infinity or 1.0E10, all valid input.
      out.append(n);
    }
  }

  private void string(String s) {
    int n = s.length();
    int first = 0;
    while (first < n && !special(s.charAt(first))) {
      first++;
    }
    if (first == n) {
      out.append(s); // the common case: nothing to escape, one bulk copy
      return;
    }
    out.append(s, 0, first);
    for (int i = first; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\0' -> nulsStripped++;
        default -> out.append(c);
      }
    }
  }

  private static boolean special(char c) {
    return c == '\\' || c == '\t' || c == '\n' || c == '\r' || c == '\0';
  }

  /** {@code 2026-11-20 08:00:00.123456+00}: Instant.toString() is slow on the hot path. */
  private void instant(Instant i) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(i.getEpochSecond(), 0, ZoneOffset.UTC);
    int year = t.getYear();
    if (year < 1 || year > 9999) {
      out.append(i); // ISO-8601 with a sign PostgreSQL may reject: let it say so
      return;
    }
    pad(year, 4).append('-');
    pad(t.getMonthValue(), 2).append('-');
    pad(t.getDayOfMonth(), 2).append(' ');
    pad(t.getHour(), 2).append(':');
    pad(t.getMinute(), 2).append(':');
    pad(t.getSecond(), 2);
    int nanos = i.getNano();
    if (nanos != 0) {
      out.append('.');
      pad(nanos, 9);
    }
    out.append("+00");
  }

  private StringBuilder pad(int value, int width) {
    for (int p = width - 1; p > 0 && value < POW10[p]; p--) {
      out.append('0');
    }
    return out.append(value);
  }

  private void bytea(byte[] bytes) {
    // bytea hex input \x0a1b..., with the backslash itself escaped for COPY.
    out.append("\\\\x");
    for (byte b : bytes) {
      out.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
    }
  }
}
