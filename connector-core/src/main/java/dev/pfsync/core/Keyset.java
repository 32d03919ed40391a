package dev.pfsync.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A position in a keyset-ordered stream ordered by (cursor, key). Without {@code afterKey}: the
 * rows with cursor {@code >= since}. With it: the rows whose (cursor, key) is strictly greater than
 * ({@code since}, {@code afterKey}). Keys are kept as text (integer keys as their decimal digits);
 * {@link TableBinding#keyType()} says how to compare them.
 */
public record Keyset(Instant since, Optional<String> afterKey) {
  public Keyset {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(afterKey, "afterKey");
  }

  /** The position before every row with cursor {@code >= since}. */
  public static Keyset from(Instant since) {
    return new Keyset(since, Optional.empty());
  }

  /** The position just after the row (cursor, key). */
  public static Keyset after(Instant cursor, String key) {
    return new Keyset(cursor, Optional.of(key));
  }
}
