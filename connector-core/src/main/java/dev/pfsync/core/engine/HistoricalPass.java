package dev.pfsync.core.engine;

import dev.pfsync.core.TableBinding;
import dev.pfsync.core.paging.KeysetPager;
import dev.pfsync.core.paging.PagedRows;
import dev.pfsync.core.state.HistoricalCursor;
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
  public RunOutcome execute(RunContext run) {
    while (true) {
      boolean worked = false;
      for (TableBinding table : tables) {
        if (run.state().table(table.table()).historicalComplete()) {
          continue;
        }
        worked = true;
        RunOutcome outcome = readWindow(run, table);
        if (outcome != RunOutcome.COMPLETED) {
          return outcome;
        }
      }
      if (!worked) {
        return RunOutcome.COMPLETED;
      }
    }
  }

  private RunOutcome readWindow(RunContext run, TableBinding table) {
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
      PagedRows page = pagers.get(name).fetch(cursor.position(), Optional.of(cursor.windowEnd()));
      TableState next = current.withHistoricalPosition(page.position());
      if (page.exhausted()) {
        next = next.windowExhausted(window);
      }
      run.checkpoint(table, page, run.state().with(name, next), windowStart, cursor.windowEnd());
      if (page.exhausted()) {
        return RunOutcome.COMPLETED;
      }
    }
  }
}
