package dev.pfsync.postgres.internal;

import dev.pfsync.core.Row;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.function.IntPredicate;

/**
 * A row as JSON text, for a record the destination rejects (the source's own text is gone by then):
 * strings as JSON strings, numbers as JSON numbers (a BigDecimal in its scientific form, never
 * written out: {@code 1E+999999999} stays short), instants and dates as ISO-8601 strings, bytes as
 * base64, JSON-typed values as they are. NUL characters come out as JSON escapes.
 */
final class RecordJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private RecordJson() {}

  /**
   * The row as a JSON object, fields in order.
   *
   * @param rawJson whether the field at a position holds JSON text to embed as it is
   */
  static String of(Row row, IntPredicate rawJson) {
    StringBuilder out = new StringBuilder(64 + 16 * row.fieldCount());
    out.append('{');
    for (int i = 0; i < row.fieldCount(); i++) {
      if (i > 0) {
        out.append(',');
      }
      string(out, row.fieldName(i));
      out.append(':');
      Object value = row.value(i);
      if (value instanceof String s && rawJson.test(i)) {
        out.append(s);
      } else {
        value(out, value);
      }
    }
    return out.append('}').toString();
  }

  /** A key value as text: strings as they are, bytes as base64, anything else as its toString. */
  static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    return String.valueOf(value); // a BigDecimal in its short form, instants and dates in ISO-8601
  }

  /** One value as JSON. */
  static void value(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigDecimal) {
      out.append(value); // BigDecimal.toString: scientific where the plain form would be long
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isFinite(d)) {
        out.append(value);
      } else {
        string(out, value.toString()); // NaN and Infinity are not JSON numbers
      }
    } else if (value instanceof byte[] bytes) {
      string(out, Base64.getEncoder().encodeToString(bytes));
    } else {
      string(out, value.toString()); // Instant, LocalDate, LocalDateTime: ISO-8601
    }
  }

  static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
