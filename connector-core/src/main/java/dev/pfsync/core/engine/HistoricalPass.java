package dev.pfsync.core.engine;

import dev.pfsync.core.TableBinding;
import dev.pfsync.core.paging.CheckedPage;
import dev.pfsync.core.paging.KeysetPager;
import dev.pfsync.core.state.HistoricalCursor;
import dev.pfsync.core.state.SyncState;
import dev.pfsync.core.state.TableState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Backfills history: for each incomplete table in turn, reads one window forward by keyset, then
 * steps to the window before it; round after round until every table is complete or the run must
 * end. Tables take turns window by window so a budget is shared fairly.
 */
final class HistoricalPass implements Pass {
  private final List<TableBinding> tables;
  private final Map<String, KeysetPager> pagers;

  HistoricalPass(List<TableBinding> tables, Map<String, KeysetPager> pagers) {
    this.tables = tables;
    this.pagers = pagers;
  }

  @Override
  public RunOutcome execute(RunContext run, PageFetcher fetcher) {
    while (true) {
      boolean worked = false;
      for (int i = 0; i < tables.size(); i++) {
        TableBinding table = tables.get(i);
        if (run.state().table(table.table()).historicalComplete()) {
          continue;
        }
        worked = true;
        RunOutcome outcome = readWindow(run, fetcher, i);
        if (outcome != RunOutcome.COMPLETED) {
          return outcome;
        }
      }
      if (!worked) {
        return RunOutcome.COMPLETED;
      }
    }
  }

  /**
   * Starts fetching the page this pass will ask for after the current one, if the current one is
   * checkpointed as {@code after}: the same window's next page, or after an exhausted window the
   * first page of the next incomplete table in turn (possibly this one's window before).
   */
  private void prefetchNext(
      PageFetcher fetcher, SyncState after, int index, boolean windowExhausted) {
    for (int step = windowExhausted ? 1 : 0; step <= tables.size(); step++) {
      TableBinding t = tables.get((index + step) % tables.size());
      TableState s = after.table(t.table());
      if (s.historicalComplete()) {
        continue;
      }
      HistoricalCursor c = s.historical();
      fetcher.prefetch(pagers.get(t.table()), c.position(), Optional.of(c.windowEnd()));
      return;
    }
  }

  private RunOutcome readWindow(RunContext run, PageFetcher fetcher, int index) {
    TableBinding table = tables.get(index);
    String name = table.table();
    Duration window = run.settings().window();
    while (true) {
      Optional<RunOutcome> interruption = run.interruption(run.pages() > 0);
      if (interruption.isPresent()) {
        return interruption.get();
      }
      TableState current = run.state().table(name);
      HistoricalCursor cursor = current.historical();
      Instant windowStart = cursor.windowStart(window);
      KeysetPager pager = pagers.get(name);
      Optional<Instant> before = Optional.of(cursor.windowEnd());
      CheckedPage page =
          run.checkpoint(
              table,
              () -> fetcher.open(pager, cursor.position(), before),
              () -> fetcher.openWhole(pager, cursor.position(), before),
              read -> {
                TableState next = current.withHistoricalPosition(read.position());
                if (read.exhausted()) {
                  next = next.windowExhausted(window);
                }
                SyncState after = run.state().with(name, next);
                prefetchNext(fetcher, after, index, read.exhausted());
                return after;
              },
              windowStart,
              cursor.windowEnd());
      if (page.exhausted()) {
        return RunOutcome.COMPLETED;
      }
    }
  }
}
