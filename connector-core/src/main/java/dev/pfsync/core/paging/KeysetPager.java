package dev.pfsync.core.paging;

import dev.pfsync.core.Keyset;
import dev.pfsync.core.Page;
import dev.pfsync.core.PageRequest;
import dev.pfsync.core.PageSource;
import dev.pfsync.core.ProtocolViolationException;
import dev.pfsync.core.Row;
import dev.pfsync.core.TableBinding;
import java.time.Instant;
import java.util.Optional;

/**
 * Fetches keyset pages of one table and checks that the source keeps the paging contract: rows
 * strictly increasing and inside {@code (from, before)}, no {@code has_more} without records, and a
 * {@code next} that advances. Since every page that promises more must move the position strictly
 * forward, a caller that follows {@link PagedRows#position()} never loops on the same page.
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
   * Fetches the page after {@code from} with cursor before {@code before}.
   *
   * @throws ProtocolViolationException if the page breaks the contract; the message names the table
   *     and the requested cursor
   */
  public PagedRows fetch(Keyset from, Optional<Instant> before) {
    var request = new PageRequest(from, before, pageSize);
    Page page = source.fetch(binding, request);
    try {
      return check(request, page);
    } catch (IllegalArgumentException e) {
      throw violation(request, e.getMessage());
    }
  }

  private PagedRows check(PageRequest request, Page page) {
    Keyset position = request.from();
    for (Row row : page.rows()) {
      Keyset key = RowKeys.keysetOf(binding, row);
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
      position = key;
    }
    if (page.hasMore() && page.rows().isEmpty() && page.skipped() == 0) {
      throw violation(request, "has_more is true but the page is empty");
    }
    if (page.next().isPresent()) {
      Keyset next = page.next().get();
      if (order.compare(next, position) < 0) {
        throw violation(
            request, "next " + describe(next) + " is before the last row " + describe(position));
      }
      if (!before(next, request)) {
        throw violation(request, "next " + describe(next) + " is not before the requested bound");
      }
      // Trust next only to step past records this page skipped: with every record kept, the
      // last row is the position, so a next that jumps further cannot skip unseen rows.
      if (page.skipped() > 0 || page.rows().isEmpty()) {
        position = next;
      }
    }
    if (page.hasMore() && order.compare(position, request.from()) <= 0) {
      throw violation(request, "has_more is true but next does not advance");
    }
    return new PagedRows(page.rows(), page.skipped(), position, !page.hasMore());
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
