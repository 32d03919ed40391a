package dev.pfsync.core;

import java.util.Optional;

/**
 * Fetches pages of a keyset-paged endpoint: the seam between the sync engine and the network.
 * Implementations retry transient failures themselves and throw {@link RetriableException} only
 * when retries are exhausted, {@link ProtocolViolationException} for a malformed page.
 */
public interface PageSource extends AutoCloseable {

  /** Fetches one page of the bound table. */
  Page fetch(TableBinding table, PageRequest request);

  /**
   * Opens one page of the bound table to be read row by row. Failures that {@link #fetch} would
   * retry are retried before this returns; failures while the rows are read are thrown by the
   * stream. The default fetches the whole page first.
   */
  default PageStream open(TableBinding table, PageRequest request) {
    return PageStream.of(fetch(table, request));
  }

  /**
   * Where this source reads from (an HTTP API's base URL), if it has such a name: the state records
   * it, and a state written for another source is not used.
   */
  default Optional<String> origin() {
    return Optional.empty();
  }

  /**
   * Ends waits and requests in progress promptly; they, and any later call, throw {@link
   * SyncStoppedException}. Callable from any thread; the default does nothing (a source that never
   * waits long ends its calls on its own).
   */
  default void stop() {}

  @Override
  default void close() {}
}
