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
import java.nio.CharBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;

/**
 * Converts the JSON value at a parser's current token to the Java type a {@link ColumnType} fixes,
 * or infers one for an undeclared field. A value that does not fit is consumed (so the parser stays
 * in step) and reported as a {@link BadValueException}. The caller handles JSON null.
 */
final class Values {
  /**
   * Longest number text converted: PostgreSQL's numeric holds 131,072 digits before the point and
   * 16,383 after, and converting a longer text would cost seconds of CPU for nothing.
   */
  static final int MAX_NUMBER_CHARS = 150_000;

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
    if (t.isNumeric() && p.getTextLength() > MAX_NUMBER_CHARS) {
      throw new BadValueException("a number of " + p.getTextLength() + " characters is too long");
    }
    switch (type) {
      case STRING:
        return expect(p, t, JsonToken.VALUE_STRING, type).getText();
      case UTC_DATETIME:
        if (t == JsonToken.VALUE_NUMBER_INT || digits) {
          return Instant.ofEpochMilli(longValue(p, t, type, digits));
        }
        expect(p, t, JsonToken.VALUE_STRING, type);
        return Timestamps.instant(chars(p));
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
        double d = p.getDoubleValue();
        if (Double.isInfinite(d)) {
          throw new BadValueException("DOUBLE value " + quote(p.getText()) + " out of range");
        }
        return d;
      case DECIMAL:
        if (t.isNumeric()) {
          return p.getDecimalValue();
        }
        String text = expect(p, t, JsonToken.VALUE_STRING, type).getText();
        if (text.length() > MAX_NUMBER_CHARS) {
          throw new BadValueException("a number of " + text.length() + " characters is too long");
        }
        return new BigDecimal(text);
      case NAIVE_DATE:
        return LocalDate.parse(expect(p, t, JsonToken.VALUE_STRING, type).getText());
      case NAIVE_DATETIME:
        expect(p, t, JsonToken.VALUE_STRING, type);
        return Timestamps.naive(chars(p));
      case BINARY:
        return Base64.getDecoder().decode(expect(p, t, JsonToken.VALUE_STRING, type).getText());
      default:
        throw new IllegalStateException("unhandled column type " + type);
    }
  }

  /** The current string token's characters, without copying them into a String. */
  private static CharSequence chars(JsonParser p) throws IOException {
    return CharBuffer.wrap(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
  }

  /** The value of a field the schema does not declare, typed by its JSON kind. */
  Object inferred(JsonParser p) throws IOException, BadValueException {
    JsonToken t = p.currentToken();
    switch (t) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        if (p.getTextLength() > MAX_NUMBER_CHARS) {
          throw new BadValueException(
              "a number of " + p.getTextLength() + " characters is too long");
        }
        NumberType n = p.getNumberType();
        return n == NumberType.BIG_INTEGER ? p.getDecimalValue() : (Object) p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        if (p.getTextLength() > MAX_NUMBER_CHARS) {
          throw new BadValueException(
              "a number of " + p.getTextLength() + " characters is too long");
        }
        double d = p.getDoubleValue();
        // Beyond a double (1e999): kept exact as a decimal rather than as Infinity.
        return Double.isInfinite(d) ? p.getDecimalValue() : (Object) d;
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

  /** An ISO-8601 instant, read leniently (see {@link Timestamps}). */
  static Instant parseInstant(String text) {
    return Timestamps.instant(text);
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
