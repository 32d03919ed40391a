package dev.pfsync.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a page says after its rows: whether more follow, the position the source says comes next,
 * the records it rejected, and the source's clock when it answered (see {@link Page}).
 */
public record PageEnd(
    boolean hasMore,
    Optional<Keyset> next,
    List<RejectedRecord> rejected,
    Optional<Instant> serverTime) {
  public PageEnd {
    Objects.requireNonNull(next, "next");
    rejected = List.copyOf(rejected);
    Objects.requireNonNull(serverTime, "serverTime");
  }
}
