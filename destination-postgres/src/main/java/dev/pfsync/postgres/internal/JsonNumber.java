package dev.pfsync.postgres.internal;

import java.util.Optional;

/**
 * A number in JSON text as jsonb reads it: strict syntax ({@code -?(0|[1-9][0-9]*)(.[0-9]+)?
 * ([eE][+-]?[0-9]+)?}), then numeric's range, as jsonb stores numbers as numeric. The range is
 * judged from the digits and the exponent alone: {@code 1e999999999} is never expanded.
 */
final class JsonNumber {
  private final String s;
  private int pos;

  private JsonNumber(String s, int pos) {
    this.s = s;
    this.pos = pos;
  }

  /** Reads the number that starts at {@code pos} in {@code s}; returns where it ends. */
  static int read(String s, int pos) throws JsonText.Invalid {
    JsonNumber n = new JsonNumber(s, pos);
    n.number();
    return n.pos;
  }

  private void number() throws JsonText.Invalid {
    if (s.charAt(pos) == '-') {
      pos++;
    }
    int intStart = pos;
    if (pos < s.length() && s.charAt(pos) == '0') {
      pos++;
    } else if (digits() == 0) {
      throw JsonText.invalid("a number without digits", pos);
    }
    int intEnd = pos;
    int fracStart = pos;
    int fracEnd = pos;
    if (pos < s.length() && s.charAt(pos) == '.') {
      pos++;
      fracStart = pos;
      if (digits() == 0) {
        throw JsonText.invalid("no digits after the decimal point", pos);
      }
      fracEnd = pos;
    }
    long exponent = 0;
    if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      exponent = exponent();
    }
    inRange(intStart, intEnd, fracStart, fracEnd, exponent);
  }

  /** Reads the exponent part; values far beyond any limit saturate. */
  private long exponent() throws JsonText.Invalid {
    pos++;
    boolean negative = false;
    if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
      negative = s.charAt(pos) == '-';
      pos++;
    }
    long e = 0;
    int start = pos;
    for (; pos < s.length() && isDigit(s.charAt(pos)); pos++) {
      e = Math.min(e * 10 + (s.charAt(pos) - '0'), 1L << 40);
    }
    if (pos == start) {
      throw JsonText.invalid("no digits in the exponent", pos);
    }
    return negative ? -e : e;
  }

  /** The numeric range as numeric_in applies it, from the digits alone (never expanded). */
  private void inRange(int intStart, int intEnd, int fracStart, int fracEnd, long exponent)
      throws JsonText.Invalid {
    // numeric_in refuses such exponents outright, even on zero.
    if (Math.abs(exponent) >= Integer.MAX_VALUE / 2) {
      throw new JsonText.Invalid("JSON number with an exponent beyond PostgreSQL numeric's range");
    }
    long before = 0; // digits before the point, from the first significant one
    int first = firstNonZero(intStart, intEnd);
    if (first >= 0) {
      before = intEnd - first + exponent;
    } else if ((first = firstNonZero(fracStart, fracEnd)) >= 0) {
      before = fracStart - first + exponent;
    }
    long after = Math.max(0, fracEnd - fracStart - exponent);
    Optional<String> problem = NumericLimits.problem(before, after);
    if (problem.isPresent()) {
      throw new JsonText.Invalid("JSON holding " + problem.get());
    }
  }

  private int firstNonZero(int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) != '0') {
        return i;
      }
    }
    return -1;
  }

  private int digits() {
    int start = pos;
    while (pos < s.length() && isDigit(s.charAt(pos))) {
      pos++;
    }
    return pos - start;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
