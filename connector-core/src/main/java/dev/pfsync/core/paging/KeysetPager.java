package dev.pfsync.core.paging;

import dev.pfsync.core.Keyset;
import dev.pfsync.core.Page;
import dev.pfsync.core.PageRequest;
import dev.pfsync.core.PageSource;
import dev.pfsync.core.PageStream;
import dev.pfsync.core.ProtocolViolationException;
import dev.pfsync.core.Row;
import dev.pfsync.core.TableBinding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fetches keyset pages of one table and checks that the source keeps the paging contract: rows
 * strictly increasing and inside {@code (from, before)}, no more of them than the request's limit,
 * no {@code has_more} without records, and a {@code next} that advances. Since every page that
 * promises more must move the position strictly forward, a caller that follows {@link
 * CheckedPage#position()} never loops on the same page.
 */
public final class KeysetPager {
  private final PageSource source;
  private final TableBinding binding;
  private final KeysetOrder order;
  private final int pageSize;

  public KeysetPager(PageSource source, TableBinding binding, int pageSize) {
    this.source = source;
    this.binding = binding;
    this.order = KeysetOrder.of(binding);
    this.pageSize = pageSize;
  }

  /** The order of this table's keysets. */
  public KeysetOrder order() {
    return order;
  }

  /**
   * Opens the page after {@code from} with cursor before {@code before}, checked row by row as it
   * is read.
   */
  public CheckedPage open(Keyset from, Optional<Instant> before) {
    PageRequest request = request(from, before);
    return new CheckedPage(this, request, source.open(binding, request));
  }

  /** Fetches the page after {@code from} whole, unchecked: {@link #check} it before use. */
  public Page fetchUnchecked(Keyset from, Optional<Instant> before) {
    return source.fetch(binding, request(from, before));
  }

  /** Checks, as it is read, a page fetched by {@link #fetchUnchecked} with the same arguments. */
  public CheckedPage check(Keyset from, Optional<Instant> before, Page page) {
    return new CheckedPage(this, request(from, before), PageStream.of(page));
  }

  /**
   * Fetches and checks the page after {@code from} with cursor before {@code before}, whole.
   *
   * @throws ProtocolViolationException if the page breaks the contract; the message names the table
   *     and the requested cursor
   */
  public PagedRows fetch(Keyset from, Optional<Instant> before) {
    CheckedPage page = open(from, before);
    List<Row> rows = new ArrayList<>();
    for (Row row = page.next(); row != null; row = page.next()) {
      rows.add(row);
    }
    return new PagedRows(rows, page.rejected(), page.position(), page.exhausted());
  }

  private PageRequest request(Keyset from, Optional<Instant> before) {
    return new PageRequest(from, before, pageSize);
  }

  /** The position after {@code row}, which must follow {@code position} inside the request. */
  Keyset checkRow(PageRequest request, Keyset position, Row row) {
    Keyset key;
    try {
      key = RowKeys.keysetOf(binding, row);
    } catch (IllegalArgumentException e) {
      throw violation(request, e.getMessage());
    }
    if (order.compare(key, position) <= 0) {
      throw position == request.from()
          ? violation(request, "row " + describe(key) + " is not after the requested position")
          : violation(
              request,
              "rows out of order or repeated: " + describe(key) + " after " + describe(position));
    }
    if (!before(key, request)) {
      throw violation(request, "row " + describe(key) + " is not before the requested bound");
    }
    return key;
  }

  /**
   * The position after a page whose last row is at {@code position} and which had {@code rows}
   * valid rows, given what the page says after them.
   */
  Keyset checkEnd(
      PageRequest request,
      Keyset position,
      long rows,
      boolean hasMore,
      Optional<Keyset> next,
      int rejected) {
    if (hasMore && rows == 0 && rejected == 0) {
      throw violation(request, "has_more is true but the page is empty");
    }
    if (next.isPresent()) {
      Keyset n = next.get();
      if (order.compare(n, position) < 0) {
        throw violation(
            request, "next " + describe(n) + " is before the last row " + describe(position));
      }
      if (!before(n, request)) {
        throw violation(request, "next " + describe(n) + " is not before the requested bound");
      }
      // Trust next only to step past records this page rejected: with every record kept, the
      // last row is the position, so a next that jumps further cannot skip unseen rows.
      if (rejected > 0 || rows == 0) {
        position = n;
      }
    }
    if (hasMore && order.compare(position, request.from()) <= 0) {
      throw violation(request, "has_more is true but next does not advance");
    }
    return position;
  }

  /** The violation of a page that sends more valid rows than the request's limit. */
  ProtocolViolationException overLimit(PageRequest request) {
    return violation(
        request,
        "the page has more than "
            + binding.params().limit()
            + "="
            + request.limit()
            + " rows (row "
            + (request.limit() + 1L)
            + " arrived)");
  }

  private static boolean before(Keyset key, PageRequest request) {
    return request.before().map(b -> key.since().isBefore(b)).orElse(true);
  }

  private ProtocolViolationException violation(PageRequest request, String problem) {
    var p = binding.params();
    StringBuilder cursor = new StringBuilder();
    cursor.append(p.since()).append('=').append(request.from().since());
    request
        .from()
        .afterKey()
        .ifPresent(k -> cursor.append(", ").append(p.after()).append('=').append(k));
    request.before().ifPresent(b -> cursor.append(", ").append(p.before()).append('=').append(b));
    cursor.append(", ").append(p.limit()).append('=').append(request.limit());
    return new ProtocolViolationException(
        "table "
            + binding.table()
            + ": protocol violation by the source: "
            + problem
            + " (request "
            + cursor
            + ")");
  }

  private static String describe(Keyset k) {
    return "(" + k.since() + ", " + k.afterKey().orElse("-") + ")";
  }
}
