package dev.pfsync.core.paging;

import dev.pfsync.core.Keyset;
import dev.pfsync.core.RejectedRecord;
import dev.pfsync.core.Row;
import java.util.List;
import java.util.Objects;

/**
 * A page that passed the pager's checks.
 *
 * @param rows the valid rows, in keyset order
 * @param rejected records of this page the source rejected
 * @param position the position after this page (the last record sent, rejected ones included)
 * @param exhausted whether the requested range has no more rows
 */
public record PagedRows(
    List<Row> rows, List<RejectedRecord> rejected, Keyset position, boolean exhausted) {
  public PagedRows {
    rows = List.copyOf(rows);
    rejected = List.copyOf(rejected);
    Objects.requireNonNull(position, "position");
  }
}
