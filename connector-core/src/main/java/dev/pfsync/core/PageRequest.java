package dev.pfsync.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One page to fetch: rows after {@code from}, with cursor before {@code before} (exclusive) if set,
 * at most {@code limit} of them.
 */
public record PageRequest(Keyset from, Optional<Instant> before, int limit) {
  public PageRequest {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(before, "before");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
  }
}
