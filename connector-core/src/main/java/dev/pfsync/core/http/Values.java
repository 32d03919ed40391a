package dev.pfsync.core.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import dev.pfsync.core.ColumnType;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.util.Base64;

/**
 * Converts the JSON value at a parser's current token to the Java type a {@link ColumnType} fixes,
 * or infers one for an undeclared field. A value that does not fit is consumed (so the parser stays
 * in step) and reported as a {@link BadValueException}. The caller handles JSON null.
 */
final class Values {
  private final JsonFactory factory;

  Values(JsonFactory factory) {
    this.factory = factory;
  }

  /**
   * The value as {@code type}. With {@code digitsAllowed}, a string of digits is also accepted
   * where a number is expected (keys sent as text, epoch-millisecond cursors sent as text).
   */
  Object declared(JsonParser p, ColumnType type, boolean digitsAllowed)
      throws IOException, BadValueException {
    JsonToken t = p.currentToken();
    if (type == ColumnType.JSON) {
      return rawJson(p);
    }
    if (t.isStructStart()) {
      p.skipChildren();
      throw new BadValueException("expected " + type + " but got a JSON " + kind(t));
    }
    try {
      return scalar(p, t, type, digitsAllowed);
    } catch (DateTimeException | IllegalArgumentException e) {
      throw new BadValueException("unparsable " + type + " value " + quote(p.getText()));
    }
  }

  private Object scalar(JsonParser p, JsonToken t, ColumnType type, boolean digitsAllowed)
      throws IOException, BadValueException {
    boolean digits = digitsAllowed && t == JsonToken.VALUE_STRING && isDigits(p.getText());
    switch (type) {
      case STRING:
        return expect(p, t, JsonToken.VALUE_STRING, type).getText();
      case UTC_DATETIME:
        if (t == JsonToken.VALUE_NUMBER_INT || digits) {
          return Instant.ofEpochMilli(longValue(p, t, type, digits));
        }
        expect(p, t, JsonToken.VALUE_STRING, type);
        Instant plain =
            plainUtcSeconds(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        return plain != null ? plain : parseInstant(p.getText());
      case INT:
        long v = longValue(p, t, type, digits);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
          throw new BadValueException("INT value " + v + " out of range");
        }
        return (int) v;
      case LONG:
        return longValue(p, t, type, digits);
      case BOOLEAN:
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
          throw mismatch(type, t);
        }
        return t == JsonToken.VALUE_TRUE;
      case DOUBLE:
        if (!t.isNumeric()) {
          throw mismatch(type, t);
        }
        return p.getDoubleValue();
      case DECIMAL:
        if (t.isNumeric()) {
          return p.getDecimalValue();
        }
        return new BigDecimal(expect(p, t, JsonToken.VALUE_STRING, type).getText());
      case NAIVE_DATE:
        return LocalDate.parse(expect(p, t, JsonToken.VALUE_STRING, type).getText());
      case NAIVE_DATETIME:
        return LocalDateTime.parse(expect(p, t, JsonToken.VALUE_STRING, type).getText());
      case BINARY:
        return Base64.getDecoder().decode(expect(p, t, JsonToken.VALUE_STRING, type).getText());
      default:
        throw new IllegalStateException("unhandled column type " + type);
    }
  }

  /** The value of a field the schema does not declare, typed by its JSON kind. */
  Object inferred(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        NumberType n = p.getNumberType();
        return n == NumberType.BIG_INTEGER ? p.getDecimalValue() : (Object) p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
      case VALUE_FALSE:
        return t == JsonToken.VALUE_TRUE;
      case VALUE_NULL:
        return null;
      default:
        return rawJson(p);
    }
  }

  /** The JSON text of the value (an object or array is copied whole). */
  String rawJson(JsonParser p) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = factory.createGenerator(out)) {
      g.copyCurrentStructure(p);
    }
    return out.toString();
  }

  static Instant parseInstant(String text) {
    Instant plain = plainUtcSeconds(text.toCharArray(), 0, text.length());
    if (plain != null) {
      return plain;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeException e) {
      return OffsetDateTime.parse(text).toInstant();
    }
  }

  /**
   * The common form {@code yyyy-MM-ddTHH:mm:ssZ}, read by hand from the parser's characters
   * (Instant.parse was the hottest frame of page parsing, and this needs no String); null for
   * anything else or unusual (leap second, bad day), which {@link #parseInstant} handles.
   */
  static Instant plainUtcSeconds(char[] c, int off, int len) {
    if (len != 20
        || c[off + 4] != '-'
        || c[off + 7] != '-'
        || c[off + 10] != 'T'
        || c[off + 13] != ':'
        || c[off + 16] != ':'
        || c[off + 19] != 'Z') {
      return null;
    }
    for (int i : DIGIT_POSITIONS) {
      char d = c[off + i];
      if (d < '0' || d > '9') {
        return null;
      }
    }
    int year = digits(c, off, 4);
    int month = digits(c, off + 5, 2);
    int day = digits(c, off + 8, 2);
    int hour = digits(c, off + 11, 2);
    int minute = digits(c, off + 14, 2);
    int second = digits(c, off + 17, 2);
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

  private static int digits(char[] c, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      v = v * 10 + (c[i] - '0');
    }
    return v;
  }

  static boolean isDigits(String s) {
    int start = s.startsWith("-") ? 1 : 0;
    if (s.length() == start || s.length() > 19 + start) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static long longValue(JsonParser p, JsonToken t, ColumnType type, boolean digits)
      throws IOException, BadValueException {
    if (digits) {
      try {
        return Long.parseLong(p.getText());
      } catch (NumberFormatException e) {
        throw new BadValueException(type + " value " + quote(p.getText()) + " out of range");
      }
    }
    if (t != JsonToken.VALUE_NUMBER_INT) {
      throw mismatch(type, t);
    }
    NumberType n = p.getNumberType();
    if (n != NumberType.INT && n != NumberType.LONG) {
      throw new BadValueException(type + " value " + p.getText() + " out of range");
    }
    return p.getLongValue();
  }

  private static JsonParser expect(JsonParser p, JsonToken t, JsonToken wanted, ColumnType type)
      throws BadValueException {
    if (t != wanted) {
      throw mismatch(type, t);
    }
    return p;
  }

  private static BadValueException mismatch(ColumnType type, JsonToken t) {
    return new BadValueException("expected " + type + " but got a JSON " + kind(t));
  }

  static String kind(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "object";
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT -> "integer";
      case VALUE_NUMBER_FLOAT -> "float";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      default -> t.name();
    };
  }

  static String quote(String s) {
    String shown = s.length() > 60 ? s.substring(0, 60) + "..." : s;
    return "\"" + shown + "\"";
  }
}
