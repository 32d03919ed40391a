package dev.pfsync.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.Bindings;
import dev.pfsync.core.Keyset;
import dev.pfsync.core.Page;
import dev.pfsync.core.PageEnd;
import dev.pfsync.core.PageRequest;
import dev.pfsync.core.PageSource;
import dev.pfsync.core.PageStream;
import dev.pfsync.core.Row;
import dev.pfsync.core.TableBinding;
import dev.pfsync.core.paging.CheckedPage;
import dev.pfsync.core.paging.KeysetPager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Pages opened ahead: used when guessed right, closed (connection released) when not. */
class PageFetcherTest {
  static final Instant T = Instant.parse("2026-11-20T08:00:00Z");

  /** Serves one row per page after the requested second and counts streams opened and closed. */
  static final class CountingSource implements PageSource {
    final ConcurrentLinkedQueue<Instant> requested = new ConcurrentLinkedQueue<>();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    @Override
    public Page fetch(TableBinding table, PageRequest request) {
      throw new AssertionError("pages are opened, not fetched, in this test");
    }

    @Override
    public PageStream open(TableBinding table, PageRequest request) {
      Instant since = request.from().since();
      requested.add(since);
      opened.incrementAndGet();
      Row row = Bindings.user("u" + since.getEpochSecond(), since.plusSeconds(1), "n", false);
      PageStream page =
          PageStream.of(
              new Page(List.of(row), true, Optional.of(Keyset.after(since.plusSeconds(1), "u"))));
      return new PageStream() {
        @Override
        public Row next() {
          return page.next();
        }

        @Override
        public PageEnd end() {
          return page.end();
        }

        @Override
        public void close() {
          closed.incrementAndGet();
        }
      };
    }
  }

  @Test
  void a_page_opened_ahead_is_used_when_asked_for_and_closed_when_the_guess_was_wrong() {
    CountingSource source = new CountingSource();
    KeysetPager pager = new KeysetPager(source, Bindings.users(), 10);
    Optional<Instant> before = Optional.of(T.plusSeconds(3600));
    try (PageFetcher fetcher = new PageFetcher(true)) {
      fetcher.prefetch(pager, Keyset.from(T), before);
      try (CheckedPage page = fetcher.open(pager, Keyset.from(T), before)) {
        assertThat(page.next().get("id")).isEqualTo("u" + T.getEpochSecond());
      }
      assertThat(source.opened.get()).isEqualTo(1); // the page opened ahead, not a second request

      fetcher.prefetch(pager, Keyset.from(T.plusSeconds(60)), before);
      try (CheckedPage page = fetcher.open(pager, Keyset.from(T.plusSeconds(120)), before)) {
        assertThat(page.next().get("id")).isEqualTo("u" + T.plusSeconds(120).getEpochSecond());
      }
      assertThat(source.requested).containsExactly(T, T.plusSeconds(60), T.plusSeconds(120));
      assertThat(source.closed.get()).isEqualTo(3); // the wrongly guessed page too

      fetcher.prefetch(pager, Keyset.from(T.plusSeconds(180)), before);
    }
    assertThat(source.opened.get()).isEqualTo(4);
    assertThat(source.closed.get()).isEqualTo(4); // closing the fetcher closes a page opened ahead
  }
}
