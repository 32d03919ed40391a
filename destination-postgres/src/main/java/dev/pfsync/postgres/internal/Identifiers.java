package dev.pfsync.postgres.internal;

import dev.pfsync.core.DestinationException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Names in the destination: source names become snake_case, and every identifier is quoted. */
public final class Identifiers {
  /** PostgreSQL truncates longer identifiers (NAMEDATALEN - 1), which would break lookups. */
  private static final int MAX_BYTES = 63;

  private Identifiers() {}

  /**
   * The destination name of a source name: {@code updatedAt -> updated_at}, {@code HTTPCode ->
   * http_code}, {@code order_id} unchanged. Characters other than letters and digits are kept (they
   * are quoted anyway).
   */
  public static String snakeCase(String name) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        char prev = i > 0 ? name.charAt(i - 1) : '_';
        char next = i + 1 < name.length() ? name.charAt(i + 1) : '_';
        boolean wordStart =
            Character.isLowerCase(prev)
                || Character.isDigit(prev)
                || (Character.isUpperCase(prev) && Character.isLowerCase(next));
        if (wordStart && out.length() > 0 && out.charAt(out.length() - 1) != '_') {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * Quotes an identifier for SQL: the only way any name reaches a statement.
   *
   * @throws DestinationException if the name is empty, holds NUL or exceeds 63 bytes
   */
  public static String quote(String identifier) {
    if (identifier.isEmpty() || identifier.indexOf('\0') >= 0) {
      throw new DestinationException("invalid identifier: \"" + identifier + "\"");
    }
    if (identifier.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new DestinationException(
          "identifier longer than " + MAX_BYTES + " bytes: \"" + identifier + "\"");
    }
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** {@code "schema"."table"}. */
  public static String qualified(String schema, String table) {
    return quote(schema) + "." + quote(table);
  }
}
