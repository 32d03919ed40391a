package dev.pfsync.postgres.internal;

import java.util.Optional;

/**
 * Checks JSON text as PostgreSQL's jsonb input reads it, so that a value it would refuse is
 * rejected on its own instead of failing its whole checkpoint: strict RFC 8259 syntax (whitespace
 * is space, tab, LF and CR; control characters in strings must be escaped), no NUL (jsonb refuses
 * the escape backslash-u-0000), no unpaired surrogate escape, and numbers within numeric's range
 * (jsonb stores numbers as numeric). Iterative, so deep nesting cannot overflow the Java stack.
 */
final class JsonText {
  static final String NUL = "JSON holding NUL (\\u0000), which PostgreSQL jsonb cannot hold";
  private static final String NOT_JSON = "not valid JSON: ";

  private final String s;
  private int pos;

  private JsonText(String s) {
    this.s = s;
  }

  /** Why jsonb would refuse {@code json}, if it would. */
  static Optional<String> problem(String json) {
    try {
      new JsonText(json).document();
      return Optional.empty();
    } catch (Invalid e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Whether {@code json} is JSON at all (jsonb may still refuse its NULs or numbers). */
  static boolean wellFormed(String json) {
    return problem(json).map(p -> !p.startsWith(NOT_JSON)).orElse(true);
  }

  /** Thrown only on the way to a rejection: no stack trace. */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  private void document() throws Invalid {
    StringBuilder open = new StringBuilder(); // '{' or '[' per container around pos
    boolean wantValue = true;
    while (true) {
      space();
      if (wantValue) {
        char c = peek();
        if (c == '{' || c == '[') {
          pos++;
          space();
          if (pos < s.length() && s.charAt(pos) == (c == '{' ? '}' : ']')) {
            pos++;
            wantValue = false;
          } else {
            open.append(c);
            if (c == '{') {
              memberName();
            }
          }
          continue;
        }
        scalar(c);
        wantValue = false;
      } else if (open.length() == 0) {
        if (pos < s.length()) {
          throw invalid("text after the value");
        }
        return;
      } else {
        char container = open.charAt(open.length() - 1);
        char c = peek();
        pos++;
        if (c == ',') {
          if (container == '{') {
            space();
            memberName();
          }
          wantValue = true;
        } else if (c == (container == '{' ? '}' : ']')) {
          open.setLength(open.length() - 1);
        } else {
          pos--;
          throw invalid("expected ',' or '" + (container == '{' ? '}' : ']') + "'");
        }
      }
    }
  }

  private void memberName() throws Invalid {
    if (peek() != '"') {
      throw invalid("expected a member name");
    }
    string();
    space();
    if (peek() != ':') {
      throw invalid("expected ':'");
    }
    pos++;
  }

  private void scalar(char c) throws Invalid {
    if (c == '"') {
      string();
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      pos = JsonNumber.read(s, pos);
    } else if (s.startsWith("true", pos) || s.startsWith("null", pos)) {
      pos += 4;
    } else if (s.startsWith("false", pos)) {
      pos += 5;
    } else {
      throw invalid("unexpected character");
    }
  }

  private void string() throws Invalid {
    pos++; // the opening quote
    while (true) {
      char c = peek();
      pos++;
      if (c == '"') {
        return;
      } else if (c == '\\') {
        escape();
      } else if (c == 0) {
        throw new Invalid(NUL);
      } else if (c < 0x20) {
        pos--;
        throw invalid("control character not escaped");
      }
    }
  }

  private void escape() throws Invalid {
    char e = peek();
    pos++;
    if ("\"\\/bfnrt".indexOf(e) >= 0) {
      return;
    }
    if (e != 'u') {
      pos--;
      throw invalid("invalid escape");
    }
    char unit = hex4();
    if (unit == 0) {
      throw new Invalid(NUL);
    }
    if (Character.isHighSurrogate(unit)) {
      if (!s.startsWith("\\u", pos)) {
        throw invalid("high surrogate escape without its low surrogate");
      }
      pos += 2;
      if (!Character.isLowSurrogate(hex4())) {
        throw invalid("high surrogate escape without its low surrogate");
      }
    } else if (Character.isLowSurrogate(unit)) {
      throw invalid("low surrogate escape without its high surrogate");
    }
  }

  private char hex4() throws Invalid {
    if (pos + 4 > s.length()) {
      throw invalid("incomplete unicode escape");
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(s.charAt(pos + i), 16);
      if (d < 0) {
        throw invalid("invalid unicode escape");
      }
      v = v * 16 + d;
    }
    pos += 4;
    return (char) v;
  }

  private void space() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private char peek() throws Invalid {
    if (pos >= s.length()) {
      throw invalid("unexpected end");
    }
    return s.charAt(pos);
  }

  private Invalid invalid(String what) {
    return invalid(what, pos);
  }

  /** Text that is not JSON at all, and where. */
  static Invalid invalid(String what, int at) {
    return new Invalid(NOT_JSON + what + " at character " + (at + 1));
  }
}
