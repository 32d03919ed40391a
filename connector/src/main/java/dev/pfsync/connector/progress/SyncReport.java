package dev.pfsync.connector.progress;

import dev.pfsync.core.RunSummary;
import dev.pfsync.core.TableBinding;
import dev.pfsync.core.TableSummary;
import dev.pfsync.postgres.PostgresDestination;
import dev.pfsync.postgres.TableStats;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The summary printed at the end of {@code sync}: what the runs did and what the tables hold. */
public final class SyncReport {
  private SyncReport() {}

  public static void print(
      PrintStream out,
      RunSummary summary,
      PostgresDestination destination,
      List<TableBinding> tables) {
    double seconds = Math.max(summary.duration().toMillis(), 1) / 1000.0;
    out.println(
        String.format(
            Locale.ROOT,
            "pfsync summary: %s, %d run(s) %s, %.1fs, %,d rows, %,.0f rows/s",
            summary.status().name().toLowerCase(Locale.ROOT),
            summary.modes().size(),
            summary.modes().stream().map(m -> m.wireName()).toList(),
            seconds,
            summary.rows(),
            summary.rows() / seconds));
    summary.message().ifPresent(m -> out.println("  note: " + m));
    long rejected = summary.tables().stream().mapToLong(TableSummary::rejected).sum();
    if (rejected > 0) {
      out.println(
          "  note: "
              + rejected
              + " record(s) rejected (not loaded, kept in _pfsync.rejected with the reason)");
    }
    for (TableSummary t : summary.tables()) {
      out.println(
          String.format(
              Locale.ROOT,
              "  %-10s upserted %,d  deleted %,d  rejected %,d  (%,.0f rows/s)  backfill %s",
              t.table(),
              t.upserted(),
              t.deleted(),
              t.rejected(),
              (t.upserted() + t.deleted()) / seconds,
              t.historicalComplete() ? "complete" : "incomplete"));
      tables.stream()
          .filter(b -> b.table().equals(t.table()))
          .findFirst()
          .ifPresent(b -> printStats(out, destination.tableStats(b.schema())));
    }
  }

  private static void printStats(PrintStream out, TableStats s) {
    if (!s.exact()) {
      out.println(
          String.format(
              Locale.ROOT,
              "  %-10s holds about %,d rows (PostgreSQL's estimate: counting took over %d s)",
              "",
              s.rows(),
              TableStats.COUNT_LIMIT.toSeconds()));
      return;
    }
    out.println(
        String.format(
            Locale.ROOT,
            "  %-10s holds %,d rows (%,d deleted); updatedAt from %s to %s",
            "",
            s.rows(),
            s.deleted(),
            s.oldest().map(Object::toString).orElse("-"),
            s.newest().map(Object::toString).orElse("-")));
  }
}
