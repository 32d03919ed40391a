package dev.pfsync.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page as a {@link PageSource} returns it: valid rows in source order, whether more follow, the
 * position the source says comes next, and how many bad records it skipped.
 *
 * @param next the keyset of the last record of the page as sent, skipped ones included (so a page
 *     whose last record was skipped still advances); empty if the source sent none
 */
public record Page(List<Row> rows, boolean hasMore, Optional<Keyset> next, int skipped) {
  public Page {
    rows = List.copyOf(rows);
    Objects.requireNonNull(next, "next");
    if (skipped < 0) {
      throw new IllegalArgumentException("skipped cannot be negative");
    }
  }
}
