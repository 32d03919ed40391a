package dev.pfsync.postgres.internal;

import dev.pfsync.core.DestinationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;

/**
 * Encodes rows in PostgreSQL's binary COPY format into a growable byte buffer, storing exactly what
 * {@link CopyText} would store for the same values: PostgreSQL then skips parsing numbers and
 * timestamps. Each field is encoded for its column's {@link PgType}; a Java value PostgreSQL would
 * reject in text (an int4 out of range, a year outside 1..9999) fails here as a {@link
 * DestinationException} before anything is sent. NUL characters are stripped and counted as in
 * CopyText. Not thread-safe.
 */
public final class CopyBinary {
  private static final byte[] SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0
  };
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final long PG_EPOCH_DAY = 10_957; // 2000-01-01 in days since 1970-01-01
  private static final long PG_EPOCH_SECOND = PG_EPOCH_DAY * 86_400;
  // Years 1..9999: CopyText writes others in a form PostgreSQL rejects (0000-, -0001-, +10000-).
  private static final long MIN_DAY = LocalDate.of(1, 1, 1).toEpochDay();
  private static final long MAX_DAY = LocalDate.of(9999, 12, 31).toEpochDay();
  private static final int NUMERIC_POS = 0x0000;
  private static final int NUMERIC_NEG = 0x4000;
  private static final int NUMERIC_NAN = 0xC000;
  private static final int NUMERIC_PINF = 0xD000;
  private static final int NUMERIC_NINF = 0xF000;
  private static final int NUMERIC_DSCALE_MAX = 0x3FFF;
  private static final int[] POW10 = {1, 10, 100, 1000};

  private final PgType[] types;
  private byte[] buf = new byte[1 << 16];
  private int size;
  private int fieldCount = -1; // -1: no row started
  private int fieldIndex;
  private long nulsStripped;
  private byte[] digits = new byte[20]; // scratch for numeric: decimal digits of the unscaled value

  /**
   * @param types the PostgreSQL type of each column, in COPY column order
   */
  public CopyBinary(PgType[] types) {
    this.types = types.clone();
    for (PgType t : this.types) {
      if (t == null) {
        throw new IllegalArgumentException("column type missing: " + Arrays.toString(types));
      }
    }
  }

  /** Whether every column type can be written in binary by this class. */
  public static boolean supports(PgType[] types) {
    for (PgType t : types) {
      if (t == null || !supported(t)) {
        return false;
      }
    }
    return true;
  }

  // A switch expression, so that a new PgType does not compile until it is decided here.
  private static boolean supported(PgType t) {
    return switch (t) {
      case TEXT,
          TIMESTAMPTZ,
          INTEGER,
          BIGINT,
          BOOLEAN,
          DOUBLE,
          NUMERIC,
          DATE,
          TIMESTAMP,
          JSONB,
          BYTEA ->
          true;
    };
  }

  /** Appends the file header: signature, flags (no OIDs) and an empty header extension. */
  public void header() {
    ensure(19);
    System.arraycopy(SIGNATURE, 0, buf, size, SIGNATURE.length);
    size += SIGNATURE.length;
    putInt(0); // flags: no OIDs
    putInt(0); // header extension length
  }

  /** Starts a row of {@code fieldCount} fields, one per column type given at construction. */
  public void startRow(int fieldCount) {
    if (this.fieldCount >= 0) {
      throw new IllegalStateException("row not ended: " + fieldIndex + " of " + this.fieldCount);
    }
    if (fieldCount != types.length) {
      throw new IllegalArgumentException(
          "row of " + fieldCount + " fields for " + types.length + " columns");
    }
    ensure(2);
    putShort(fieldCount);
    this.fieldCount = fieldCount;
    fieldIndex = 0;
  }

  /** Appends the next field of the row; {@code null} is SQL NULL. */
  public void field(Object value) {
    if (fieldIndex >= fieldCount) {
      throw new IllegalStateException(
          fieldCount < 0 ? "no row started" : "row has only " + fieldCount + " fields");
    }
    PgType type = types[fieldIndex];
    if (value == null) {
      ensure(4);
      putInt(-1);
    } else {
      int start = size;
      try {
        value(type, value);
      } catch (RuntimeException e) {
        size = start; // leave the buffer at a field boundary
        throw e;
      }
    }
    fieldIndex++;
  }

  /** Ends the row, which must have received exactly its field count. */
  public void endRow() {
    if (fieldCount < 0) {
      throw new IllegalStateException("no row started");
    }
    if (fieldIndex != fieldCount) {
      throw new IllegalStateException("row got " + fieldIndex + " of " + fieldCount + " fields");
    }
    fieldCount = -1;
  }

  /** Appends the file trailer. */
  public void trailer() {
    ensure(2);
    putShort(-1);
  }

  /** Bytes encoded since the last {@link #reset()}. */
  public int size() {
    return size;
  }

  /** The buffer; bytes {@code [0, size())} are valid. */
  public byte[] array() {
    return buf;
  }

  /** Empties the buffer (after its bytes were sent). */
  public void reset() {
    size = 0;
  }

  /** NUL characters removed from strings so far. */
  public long nulsStripped() {
    return nulsStripped;
  }

  private void value(PgType type, Object value) {
    switch (type) {
      case TEXT -> text(value);
      case TIMESTAMPTZ -> {
        if (!(value instanceof Instant i)) {
          throw mismatch(value, type);
        }
        instant(i);
      }
      case TIMESTAMP -> {
        if (!(value instanceof LocalDateTime t)) {
          throw mismatch(value, type);
        }
        localDateTime(t);
      }
      case DATE -> {
        if (!(value instanceof LocalDate d)) {
          throw mismatch(value, type);
        }
        ensure(8);
        putInt(4);
        putInt((int) (inRange(d.toEpochDay(), d) - PG_EPOCH_DAY));
      }
      case INTEGER -> int4(value);
      case BIGINT -> {
        if (!(value instanceof Long || value instanceof Integer || isShortOrByte(value))) {
          throw mismatch(value, type);
        }
        ensure(12);
        putInt(8);
        putLong(((Number) value).longValue());
      }
      case DOUBLE -> float8(value);
      case NUMERIC -> numeric(value);
      case BOOLEAN -> {
        if (!(value instanceof Boolean b)) {
          throw mismatch(value, type);
        }
        ensure(5);
        putInt(1);
        buf[size++] = (byte) (b ? 1 : 0);
      }
      case JSONB -> {
        if (!(value instanceof String s)) {
          throw mismatch(value, type);
        }
        int start = beginField(1 + maxUtf8(s));
        buf[size++] = 1; // jsonb binary format version: the JSON text follows
        utf8(s);
        endField(start);
      }
      case BYTEA -> {
        if (!(value instanceof byte[] bytes)) {
          throw mismatch(value, type);
        }
        ensure(4 + bytes.length);
        putInt(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
      }
    }
  }

  /** Text columns store the characters CopyText writes for the value, after COPY unescaping. */
  private void text(Object value) {
    if (value instanceof String s) {
      int start = beginField(maxUtf8(s));
      utf8(s);
      endField(start);
    } else if (value instanceof Boolean b) {
      ensure(5);
      putInt(1);
      buf[size++] = (byte) (b ? 't' : 'f');
    } else if (value instanceof Long || value instanceof Integer || isShortOrByte(value)) {
      int start = beginField(20);
      decimal(((Number) value).longValue());
      endField(start);
    } else if (value instanceof BigDecimal d) {
      ascii(d.toPlainString());
    } else if (value instanceof Number n) {
      ascii(n.toString()); // Double: NaN, Infinity, 1.0E10, as CopyText
    } else if (value instanceof Instant i) {
      instantText(i);
    } else if (value instanceof LocalDate || value instanceof LocalDateTime) {
      ascii(value.toString());
    } else if (value instanceof byte[] bytes) {
      // CopyText writes \\x.. which COPY unescapes to the bytea hex form \x..
      int start = beginField(2 + 2 * bytes.length);
      buf[size++] = '\\';
      buf[size++] = 'x';
      for (byte b : bytes) {
        buf[size++] = HEX[(b >> 4) & 0xf];
        buf[size++] = HEX[b & 0xf];
      }
      endField(start);
    } else {
      throw mismatch(value, PgType.TEXT);
    }
  }

  private void int4(Object value) {
    long v;
    if (value instanceof Integer || isShortOrByte(value)) {
      v = ((Number) value).intValue();
    } else if (value instanceof Long l) {
      v = l;
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw new DestinationException("value \"" + v + "\" is out of range for type integer");
      }
    } else {
      throw mismatch(value, PgType.INTEGER);
    }
    ensure(8);
    putInt(4);
    putInt((int) v);
  }

  /** float8 holds the double PostgreSQL's strtod reads from the text CopyText writes. */
  private void float8(Object value) {
    double d;
    if (value instanceof Double x) {
      d = x;
    } else if (value instanceof Long || value instanceof Integer || isShortOrByte(value)) {
      d = ((Number) value).longValue(); // round to nearest, as strtod does
    } else if (value instanceof Float f) {
      d = Double.parseDouble(f.toString()); // 0.1f is written "0.1", read as the double 0.1
    } else if (value instanceof BigDecimal b) {
      d = b.doubleValue(); // correctly rounded, as strtod
      if (Double.isInfinite(d) || (d == 0 && b.signum() != 0)) {
        throw new DestinationException("\"" + b + "\" is out of range for type double precision");
      }
    } else {
      throw mismatch(value, PgType.DOUBLE);
    }
    ensure(12);
    putInt(8);
    putLong(Double.doubleToLongBits(d)); // collapses NaNs to the one float8in produces
  }

  private void numeric(Object value) {
    if (value instanceof BigDecimal d) {
      bigDecimal(d);
    } else if (value instanceof Long || value instanceof Integer || isShortOrByte(value)) {
      long v = ((Number) value).longValue();
      int n = longDigits(v);
      numericDigits(v < 0, n, 0);
    } else if (value instanceof Double || value instanceof Float) {
      double x = ((Number) value).doubleValue();
      if (Double.isNaN(x)) {
        numericSpecial(NUMERIC_NAN);
      } else if (Double.isInfinite(x)) {
        numericSpecial(x > 0 ? NUMERIC_PINF : NUMERIC_NINF);
      } else {
        // The text CopyText writes (1.0E10, 1.0E-5) keeps its digits and scale in a BigDecimal.
        bigDecimal(new BigDecimal(value.toString()));
      }
    } else {
      throw mismatch(value, PgType.NUMERIC);
    }
  }

  private void bigDecimal(BigDecimal d) {
    int scale = d.scale();
    if (d.signum() == 0) {
      // Zero is stored positive, keeping the display scale ("0.00", "-0.0" -> 0.0).
      numericHeader(0, 0, NUMERIC_POS, numericScale(scale));
      return;
    }
    BigInteger unscaled = d.unscaledValue();
    int n;
    if (unscaled.bitLength() < 64) {
      n = longDigits(unscaled.longValue());
    } else {
      String s = unscaled.abs().toString();
      n = s.length();
      if (digits.length < n) {
        digits = new byte[n];
      }
      for (int i = 0; i < n; i++) {
        digits[i] = (byte) (s.charAt(i) - '0');
      }
    }
    numericDigits(d.signum() < 0, n, scale);
  }

  /** Fills {@link #digits} with the decimal digits of |v|, most significant first. */
  private int longDigits(long v) {
    long x = v > 0 ? -v : v; // negative, so that Long.MIN_VALUE works too
    int n = x == 0 ? 1 : 0;
    for (long y = x; y != 0; y /= 10) {
      n++;
    }
    for (int i = n - 1; i >= 0; i--) {
      digits[i] = (byte) -(x % 10);
      x /= 10;
    }
    return n;
  }

  /**
   * Writes {@code ±digits[0..n) × 10^-scale} as a numeric: base-10000 digits aligned on the decimal
   * point, weight the power of 10000 of the first one, display scale {@code max(0, scale)} as
   * numeric_in gives for the plain text CopyText writes.
   */
  private void numericDigits(boolean negative, int n, int scale) {
    int last = n - 1;
    while (last > 0 && digits[last] == 0) {
      last--;
    }
    if (digits[0] == 0) { // only for a zero long
      numericHeader(0, 0, NUMERIC_POS, 0);
      return;
    }
    // Decimal exponent of digits[i] is (n - 1 - scale) - i.
    long top = (long) n - 1 - scale;
    long weight = Math.floorDiv(top, 4);
    long lowest = Math.floorDiv(top - last, 4);
    int dscale = numericScale(scale);
    if (weight > Short.MAX_VALUE) {
      throw new DestinationException("value overflows numeric format");
    }
    int ndigits = (int) (weight - lowest + 1);
    numericHeader(ndigits, (int) weight, negative ? NUMERIC_NEG : NUMERIC_POS, dscale);
    ensure(2 * ndigits);
    for (long g = weight; g >= lowest; g--) {
      int group = 0;
      for (int k = 3; k >= 0; k--) {
        long i = top - (4 * g + k);
        if (i >= 0 && i < n) {
          group += digits[(int) i] * POW10[k];
        }
      }
      putShort(group);
    }
  }

  private static int numericScale(int scale) {
    if (scale > NUMERIC_DSCALE_MAX) {
      throw new DestinationException("value overflows numeric format");
    }
    return Math.max(0, scale);
  }

  private void numericSpecial(int sign) {
    numericHeader(0, 0, sign, 0);
  }

  private void numericHeader(int ndigits, int weight, int sign, int dscale) {
    ensure(12);
    putInt(8 + 2 * ndigits);
    putShort(ndigits);
    putShort(weight);
    putShort(sign);
    putShort(dscale);
  }

  private void instant(Instant i) {
    long second = i.getEpochSecond();
    if (second < MIN_DAY * 86_400 || second >= (MAX_DAY + 1) * 86_400) {
      throw yearOutOfRange(i, PgType.TIMESTAMPTZ);
    }
    ensure(12);
    putInt(8);
    putLong(micros(second, i.getNano()));
  }

  private void localDateTime(LocalDateTime t) {
    long day = inRange(t.toLocalDate().toEpochDay(), t);
    ensure(12);
    putInt(8);
    putLong(micros(day * 86_400 + t.toLocalTime().toSecondOfDay(), t.getNano()));
  }

  /**
   * Microseconds since 2000-01-01. PostgreSQL reads the fraction of seconds with strtod and rounds
   * {@code frac * 1e6} with rint (ParseFractionalSecond): round half to even on that double, which
   * is what decides .0000005 (down), .0000015 (up) and .0000025 (down). nanos / 1e9 is the double
   * strtod reads from CopyText's nine digits.
   */
  static long micros(long epochSecond, int nanos) {
    long fraction = (long) Math.rint(nanos / 1e9 * 1e6);
    return (epochSecond - PG_EPOCH_SECOND) * 1_000_000 + fraction;
  }

  private long inRange(long epochDay, Object value) {
    if (epochDay < MIN_DAY || epochDay > MAX_DAY) {
      throw yearOutOfRange(value, value instanceof LocalDate ? PgType.DATE : PgType.TIMESTAMP);
    }
    return epochDay;
  }

  private static DestinationException yearOutOfRange(Object value, PgType type) {
    return new DestinationException(
        "cannot write "
            + value
            + " to a column of type "
            + type.sql()
            + ": only years 1 to 9999 can be written (PostgreSQL rejects the text form too)");
  }

  /** {@code 2026-11-20 08:00:00.123456789+00}, as CopyText writes an Instant. */
  private void instantText(Instant i) {
    long second = i.getEpochSecond();
    long day = Math.floorDiv(second, 86_400);
    if (day < MIN_DAY || day > MAX_DAY) {
      ascii(i.toString());
      return;
    }
    int start = beginField(32);
    LocalDate date = LocalDate.ofEpochDay(day);
    int secondOfDay = (int) Math.floorMod(second, 86_400);
    pad(date.getYear(), 4);
    buf[size++] = '-';
    pad(date.getMonthValue(), 2);
    buf[size++] = '-';
    pad(date.getDayOfMonth(), 2);
    buf[size++] = ' ';
    pad(secondOfDay / 3600, 2);
    buf[size++] = ':';
    pad(secondOfDay / 60 % 60, 2);
    buf[size++] = ':';
    pad(secondOfDay % 60, 2);
    if (i.getNano() != 0) {
      buf[size++] = '.';
      pad(i.getNano(), 9);
    }
    buf[size++] = '+';
    buf[size++] = '0';
    buf[size++] = '0';
    endField(start);
  }

  private void pad(int value, int width) {
    for (int p = size + width - 1; p >= size; p--) {
      buf[p] = (byte) ('0' + value % 10);
      value /= 10;
    }
    size += width;
  }

  /** Writes v in decimal (room for 20 bytes must be ensured). */
  private void decimal(long v) {
    if (v < 0) {
      buf[size++] = '-';
    }
    int n = longDigits(v);
    for (int i = 0; i < n; i++) {
      buf[size++] = (byte) ('0' + digits[i]);
    }
  }

  /** A whole field holding an ASCII string. */
  private void ascii(String s) {
    int n = s.length();
    ensure(4 + n);
    putInt(n);
    for (int i = 0; i < n; i++) {
      buf[size++] = (byte) s.charAt(i);
    }
  }

  /**
   * Writes s as UTF-8 without NULs, as String.getBytes(UTF_8) would: an unpaired surrogate becomes
   * '?'. Room for {@link #maxUtf8} bytes must be ensured.
   */
  private void utf8(String s) {
    if (s.indexOf(0) < 0) {
      // The JDK's encoder copies ASCII and Latin-1 strings in bulk: 3x faster than the loop below.
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      System.arraycopy(bytes, 0, buf, size, bytes.length);
      size += bytes.length;
      return;
    }
    byte[] b = buf;
    int p = size;
    int n = s.length();
    int i = 0;
    for (; i < n; i++) { // ASCII fast path
      char c = s.charAt(i);
      if (c >= 0x80 || c == 0) {
        break;
      }
      b[p++] = (byte) c;
    }
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c == 0) {
          nulsStripped++;
        } else {
          b[p++] = (byte) c;
        }
      } else if (c < 0x800) {
        b[p++] = (byte) (0xc0 | c >> 6);
        b[p++] = (byte) (0x80 | c & 0x3f);
      } else if (!Character.isSurrogate(c)) {
        b[p++] = (byte) (0xe0 | c >> 12);
        b[p++] = (byte) (0x80 | c >> 6 & 0x3f);
        b[p++] = (byte) (0x80 | c & 0x3f);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        b[p++] = (byte) (0xf0 | cp >> 18);
        b[p++] = (byte) (0x80 | cp >> 12 & 0x3f);
        b[p++] = (byte) (0x80 | cp >> 6 & 0x3f);
        b[p++] = (byte) (0x80 | cp & 0x3f);
      } else {
        b[p++] = '?';
      }
    }
    size = p;
  }

  /** At most 3 bytes per char: a surrogate pair (2 chars) takes 4. */
  private static int maxUtf8(String s) {
    long max = 3L * s.length();
    if (max > Integer.MAX_VALUE - 64) {
      throw new DestinationException("string of " + s.length() + " chars too long for a field");
    }
    return (int) max;
  }

  /** Reserves the length word and room for {@code maxBytes}; returns where the field starts. */
  private int beginField(int maxBytes) {
    ensure(4 + maxBytes);
    int start = size;
    size += 4;
    return start;
  }

  private void endField(int start) {
    int length = size - start - 4;
    buf[start] = (byte) (length >>> 24);
    buf[start + 1] = (byte) (length >>> 16);
    buf[start + 2] = (byte) (length >>> 8);
    buf[start + 3] = (byte) length;
  }

  private static boolean isShortOrByte(Object value) {
    return value instanceof Short || value instanceof Byte;
  }

  private static DestinationException mismatch(Object value, PgType type) {
    return new DestinationException(
        "cannot write a value of Java type "
            + value.getClass().getName()
            + " to a column of type "
            + type.sql());
  }

  private void ensure(int bytes) {
    if (buf.length - size < bytes) {
      long wanted = Math.max(2L * buf.length, (long) size + bytes);
      buf = Arrays.copyOf(buf, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
    }
  }

  private void putShort(int v) {
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
  }

  private void putInt(int v) {
    buf[size++] = (byte) (v >>> 24);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
  }

  private void putLong(long v) {
    putInt((int) (v >>> 32));
    putInt((int) v);
  }
}
