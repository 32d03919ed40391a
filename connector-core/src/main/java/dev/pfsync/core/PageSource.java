package dev.pfsync.core;

/**
 * Fetches pages of a keyset-paged endpoint: the seam between the sync engine and the network.
 * Implementations retry transient failures themselves and throw {@link RetriableException} only
 * when retries are exhausted, {@link ProtocolViolationException} for a malformed page.
 */
public interface PageSource extends AutoCloseable {

  /** Fetches one page of the bound table. */
  Page fetch(TableBinding table, PageRequest request);

  @Override
  default void close() {}
}
