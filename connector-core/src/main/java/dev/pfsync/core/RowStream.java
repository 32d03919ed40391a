package dev.pfsync.core;

/**
 * Rows handed over one at a time, as they are read: a destination can send the first rows of a page
 * to its database while the source is still parsing the rest.
 */
@FunctionalInterface
public interface RowStream {

  /**
   * The next row, or {@code null} after the last.
   *
   * @throws SyncException if the source turns out to be broken (for example a {@link
   *     ProtocolViolationException}): the checkpoint being written must then not be applied
   */
  Row next();
}
