package dev.pfsync.postgres.internal;

import dev.pfsync.core.DestinationException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

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
    Optional<String> problem = problem(identifier);
    if (problem.isPresent()) {
      throw new DestinationException("invalid identifier \"" + identifier + "\": " + problem.get());
    }
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** Why a name cannot be an identifier (empty, holds NUL, longer than 63 bytes), if it cannot. */
  public static Optional<String> problem(String identifier) {
    if (identifier.isEmpty()) {
      return Optional.of("it is empty");
    }
    if (identifier.indexOf('\0') >= 0) {
      return Optional.of("it holds a NUL character");
    }
    // UTF-8 takes at most 3 bytes per char: most names need no encoding to be known short.
    if (identifier.length() * 3 > MAX_BYTES
        && identifier.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return Optional.of("it is longer than " + MAX_BYTES + " bytes");
    }
    return Optional.empty();
  }

  /** {@code "schema"."table"}. */
  public static String qualified(String schema, String table) {
    return quote(schema) + "." + quote(table);
  }
}
