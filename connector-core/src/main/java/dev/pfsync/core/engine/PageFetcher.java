package dev.pfsync.core.engine;

import dev.pfsync.core.Keyset;
import dev.pfsync.core.SyncException;
import dev.pfsync.core.paging.CheckedPage;
import dev.pfsync.core.paging.KeysetPager;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Opens pages for one pass, by default one at a time (each is read as the destination writes it),
 * optionally one page ahead: while the caller checkpoints page N, a single background thread opens
 * (request sent, headers read) the page the caller is expected to ask for next, whose body the
 * caller then reads as it streams, checked row by row like any other. A page opened ahead is used
 * only if the next request is exactly the predicted one, so a wrong guess costs a wasted request,
 * never a wrong page; a discarded one is closed, releasing its connection. At most one page is open
 * ahead, which keeps memory flat. A failure to open it surfaces, as the same exception, only when
 * the caller asks for that page; a discarded one is ignored.
 *
 * <p>Used by one thread (the run's); the page source is only ever used by one thread at a time.
 */
final class PageFetcher implements AutoCloseable {
  private static final long DISCARD_WAIT_SECONDS = 120;

  private final boolean enabled;
  private ExecutorService executor;
  private Ahead ahead;

  private record Request(KeysetPager pager, Keyset from, Optional<Instant> before) {}

  private record Ahead(Request request, Future<CheckedPage> page) {}

  /**
   * @param prefetch whether to fetch ahead; without it every fetch runs on the caller's thread
   */
  PageFetcher(boolean prefetch) {
    this.enabled = prefetch;
  }

  /**
   * The page after {@code from}, checked as it is read: the prefetched one if it was requested
   * exactly so, else opened now.
   */
  CheckedPage open(KeysetPager pager, Keyset from, Optional<Instant> before) {
    Request request = new Request(pager, from, before);
    if (ahead != null && sameRequest(ahead.request(), request)) {
      Future<CheckedPage> page = ahead.page();
      ahead = null;
      return await(page);
    }
    discard();
    return pager.open(from, before);
  }

  /**
   * The page after {@code from} fetched whole before it is read (the source's retries cover the
   * whole body): how a page whose stream broke off is read again.
   */
  CheckedPage openWhole(KeysetPager pager, Keyset from, Optional<Instant> before) {
    discard();
    return pager.check(from, before, pager.fetchUnchecked(from, before));
  }

  /** Starts fetching the page the caller expects to ask for next (replacing any other guess). */
  void prefetch(KeysetPager pager, Keyset from, Optional<Instant> before) {
    if (!enabled) {
      return;
    }
    Request request = new Request(pager, from, before);
    if (ahead != null && sameRequest(ahead.request(), request)) {
      return;
    }
    discard();
    if (executor == null) {
      executor =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "pfsync-prefetch");
                t.setDaemon(true);
                return t;
              });
    }
    // Only opened ahead (request sent, headers read): the caller reads the body as it streams.
    ahead = new Ahead(request, executor.submit(() -> pager.open(from, before)));
  }

  /** Drops the page fetched ahead, if any, waiting until its fetch has ended. */
  void discard() {
    if (ahead == null) {
      return;
    }
    Future<CheckedPage> page = ahead.page();
    ahead = null;
    // Not cancelled: the open ends on its own (or by its timeouts), and a page it opened must be
    // closed here, or its pooled connection would stay leased.
    executor.shutdown();
    try {
      if (!executor.awaitTermination(DISCARD_WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new SyncException("a prefetched page fetch did not end after it was discarded");
      }
      page.get().close();
    } catch (ExecutionException e) {
      // The discarded page failed to open: nothing to close, nothing to report.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      executor = null;
    }
  }

  /** Discards any page fetched ahead and stops the background thread. */
  @Override
  public void close() {
    discard();
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  private static boolean sameRequest(Request a, Request b) {
    return a.pager() == b.pager() && a.from().equals(b.from()) && a.before().equals(b.before());
  }

  private CheckedPage await(Future<CheckedPage> page) {
    try {
      return page.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new SyncException("page fetch failed: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new SyncException("interrupted while waiting for a page", e);
    } catch (CancellationException e) {
      throw new SyncException("page fetch was cancelled", e);
    }
  }
}
