package dev.pfsync.core.engine;

import dev.pfsync.core.Keyset;
import dev.pfsync.core.TableBinding;
import dev.pfsync.core.paging.CheckedPage;
import dev.pfsync.core.paging.KeysetOrder;
import dev.pfsync.core.paging.KeysetPager;
import dev.pfsync.core.state.TableState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads each table forward from its incremental cursor up to {@code now - settle}, where now is the
 * earlier of the connector's clock and the source's, so the cursor never lands in a second that can
 * still receive rows. The cursor moves only past rows read, and to a bound only once the source's
 * own clock (its answer's Date) vouches that nothing can still arrive below it.
 */
final class IncrementalPass implements Pass {
  private final List<TableBinding> tables;
  private final Map<String, KeysetPager> pagers;

  IncrementalPass(List<TableBinding> tables, Map<String, KeysetPager> pagers) {
    this.tables = tables;
    this.pagers = pagers;
  }

  @Override
  public RunOutcome execute(RunContext run, PageFetcher fetcher) {
    // Whole seconds: sources stamp rows to the second (or finer), so a bound inside a second
    // would put the cursor in a second that can still receive rows, whatever the settle.
    Instant before =
        run.sourceStart().minus(run.settings().settle()).truncatedTo(ChronoUnit.SECONDS);
    for (TableBinding table : tables) {
      RunOutcome outcome = readTable(run, fetcher, table, before);
      if (outcome != RunOutcome.COMPLETED) {
        return outcome;
      }
    }
    return RunOutcome.COMPLETED;
  }

  /**
   * Where the cursor may move after {@code read}: to the last row read, or once the range is read
   * to its end, to {@code before}; but never past what the source's clock vouches for ({@code
   * serverTime - settle}, whole seconds): a row the source stamps later, or commits late, lands
   * above it. Without a server time the cursor stays at the last row read.
   */
  static Keyset safePosition(CheckedPage read, Instant before, Duration settle, KeysetOrder order) {
    Optional<Instant> vouched =
        read.serverTime().map(t -> t.minus(settle).truncatedTo(ChronoUnit.SECONDS));
    Keyset readTo = read.exhausted() && vouched.isPresent() ? Keyset.from(before) : read.position();
    return vouched.map(v -> order.min(readTo, Keyset.from(v))).orElse(readTo);
  }

  private RunOutcome readTable(
      RunContext run, PageFetcher fetcher, TableBinding table, Instant before) {
    String name = table.table();
    KeysetPager pager = pagers.get(name);
    KeysetOrder order = pager.order();
    Keyset cursor = run.state().table(name).incremental();
    if (!before.isAfter(cursor.since())) {
      return RunOutcome.COMPLETED;
    }
    Duration lookback = run.settings().lookback();
    Keyset position = lookback.isZero() ? cursor : Keyset.from(cursor.since().minus(lookback));
    Instant windowStart = position.since();
    boolean progressed = false;
    while (true) {
      Optional<RunOutcome> interruption = run.interruption(progressed);
      if (interruption.isPresent()) {
        return interruption.get();
      }
      TableState current = run.state().table(name);
      Keyset[] next = new Keyset[1];
      Keyset from = position;
      CheckedPage page =
          run.checkpoint(
              table,
              () -> fetcher.open(pager, from, Optional.of(before)),
              () -> fetcher.openWhole(pager, from, Optional.of(before)),
              read -> {
                if (!read.exhausted()) {
                  // The next request is known now: fetch it while this page is committed.
                  fetcher.prefetch(pager, read.position(), Optional.of(before));
                }
                Keyset safe = safePosition(read, before, run.settings().settle(), order);
                next[0] = order.max(current.incremental(), safe);
                return run.state().with(name, current.withIncremental(next[0]));
              },
              windowStart,
              before);
      position = page.position();
      // Re-reading a lookback is not progress: the budget may end the run only past the cursor.
      progressed = order.compare(next[0], cursor) > 0;
      if (page.exhausted()) {
        return RunOutcome.COMPLETED;
      }
    }
  }
}
