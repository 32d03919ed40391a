package dev.pfsync.core.paging;

import dev.pfsync.core.Keyset;
import dev.pfsync.core.Row;
import java.util.List;
import java.util.Objects;

/**
 * A page that passed the pager's checks.
 *
 * @param rows the valid rows, in keyset order
 * @param skipped bad records the source skipped on this page
 * @param position the position after this page (the last record sent, skipped ones included)
 * @param exhausted whether the requested range has no more rows
 */
public record PagedRows(List<Row> rows, int skipped, Keyset position, boolean exhausted) {
  public PagedRows {
    rows = List.copyOf(rows);
    Objects.requireNonNull(position, "position");
  }
}
