package dev.pfsync.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page as a {@link PageSource} returns it: valid rows in source order, whether more follow, the
 * position the source says comes next, the records it rejected, and the source's clock.
 *
 * @param next the keyset of the last record of the page as sent, rejected ones included (so a page
 *     whose last record was rejected still advances); empty if the source sent none
 * @param rejected records of the page that cannot be stored as they are
 * @param serverTime the source's clock when it answered (an HTTP API's {@code Date} header), if it
 *     said: the incremental cursor moves only to bounds this clock vouches for
 */
public record Page(
    List<Row> rows,
    boolean hasMore,
    Optional<Keyset> next,
    List<RejectedRecord> rejected,
    Optional<Instant> serverTime) {
  public Page {
    rows = List.copyOf(rows);
    Objects.requireNonNull(next, "next");
    rejected = List.copyOf(rejected);
    Objects.requireNonNull(serverTime, "serverTime");
  }

  /** A page with no rejected records and no server time. */
  public Page(List<Row> rows, boolean hasMore, Optional<Keyset> next) {
    this(rows, hasMore, next, List.of(), Optional.empty());
  }
}
