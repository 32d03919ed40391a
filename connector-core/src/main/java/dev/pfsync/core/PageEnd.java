package dev.pfsync.core;

import java.util.Objects;
import java.util.Optional;

/**
 * What a page says after its rows: whether more follow, the position the source says comes next,
 * and how many bad records it skipped (see {@link Page}).
 */
public record PageEnd(boolean hasMore, Optional<Keyset> next, int skipped) {
  public PageEnd {
    Objects.requireNonNull(next, "next");
    if (skipped < 0) {
      throw new IllegalArgumentException("skipped cannot be negative");
    }
  }
}
