package dev.pfsync.core.paging;

import dev.pfsync.core.Keyset;
import dev.pfsync.core.PageEnd;
import dev.pfsync.core.PageRequest;
import dev.pfsync.core.PageStream;
import dev.pfsync.core.RejectedRecord;
import dev.pfsync.core.Row;
import dev.pfsync.core.RowStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page checked by its {@link KeysetPager} as it is read: each row when it passes, the page's
 * end once the last row has passed. Until {@link #next()} has returned {@code null}, nothing is
 * known about the end; a violation is thrown from {@link #next()} itself, so a consumer that writes
 * rows as they come must not commit them before the stream ended.
 */
public final class CheckedPage implements RowStream, AutoCloseable {
  private final KeysetPager pager;
  private final PageRequest request;
  private final PageStream source;
  private long rows;
  private long deleted;
  private PageEnd end;
  private Keyset position;

  CheckedPage(KeysetPager pager, PageRequest request, PageStream source) {
    this.pager = pager;
    this.request = request;
    this.source = Objects.requireNonNull(source, "source");
  }

  @Override
  public Row next() {
    if (end != null) {
      return null;
    }
    Row row = source.next();
    Keyset at = position == null ? request.from() : position;
    if (row == null) {
      PageEnd pageEnd = source.end();
      position =
          pager.checkEnd(
              request, at, rows, pageEnd.hasMore(), pageEnd.next(), pageEnd.rejected().size());
      end = pageEnd; // only an end that passed its checks counts as one
      return null;
    }
    if (rows == request.limit()) {
      // Fail at row limit+1: the rows before it may already be on their way to the database.
      throw pager.overLimit(request);
    }
    position = pager.checkRow(request, at, row);
    rows++;
    if (row.deleted()) {
      deleted++;
    }
    return row;
  }

  /** Releases the page's source (its connection) if it was not read to the end. */
  @Override
  public void close() {
    source.close();
  }

  /** Whether every row has been read and the end checked. */
  public boolean ended() {
    return end != null;
  }

  /** The position after this page (the last record sent, rejected ones included). */
  public Keyset position() {
    requireEnded();
    return position;
  }

  /** Whether the requested range has no more rows. */
  public boolean exhausted() {
    requireEnded();
    return !end.hasMore();
  }

  /** Records of this page the source rejected (not among the rows). */
  public List<RejectedRecord> rejected() {
    requireEnded();
    return end.rejected();
  }

  /** The source's clock when it answered this page, if it said. */
  public Optional<Instant> serverTime() {
    requireEnded();
    return end.serverTime();
  }

  /** Valid rows read, tombstones included. */
  public long rows() {
    return rows;
  }

  /** Tombstones among the rows read. */
  public long deleted() {
    return deleted;
  }

  private void requireEnded() {
    if (end == null) {
      throw new IllegalStateException("the page has not been read to its end");
    }
  }
}
