package dev.pfsync.core;

import java.util.Iterator;

/**
 * One page read as it is consumed: its rows one at a time ({@link #next()}), then what follows them
 * ({@link #end()}), which a streaming source knows only once it has read past the rows.
 */
public interface PageStream extends RowStream, AutoCloseable {

  /**
   * What the page says after its rows; only valid once {@link #next()} returned {@code null}.
   *
   * @throws ProtocolViolationException if the rest of the page is malformed
   */
  PageEnd end();

  /**
   * Releases what the page holds (a connection) without reading further; reading the page to its
   * end releases it too. Never throws.
   */
  @Override
  default void close() {}

  /** A page already in memory, as a stream. */
  static PageStream of(Page page) {
    Iterator<Row> rows = page.rows().iterator();
    PageEnd end = new PageEnd(page.hasMore(), page.next(), page.rejected(), page.serverTime());
    return new PageStream() {
      @Override
      public Row next() {
        return rows.hasNext() ? rows.next() : null;
      }

      @Override
      public PageEnd end() {
        if (rows.hasNext()) {
          throw new IllegalStateException("end() before the last row was read");
        }
        return end;
      }
    };
  }
}
