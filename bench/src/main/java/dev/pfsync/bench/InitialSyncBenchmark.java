package dev.pfsync.bench;

import static dev.pfsync.bench.Format.mb;
import static dev.pfsync.bench.Format.rate;
import static dev.pfsync.bench.Format.ratio;
import static dev.pfsync.bench.Format.secs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Benchmarks 1, 2 and 4 on the big dataset: the initial sync against {@code \copy} of the same rows
 * (in id order and in cursor order), the CPU it takes, its time to freshness, the re-sync against
 * COPY + merge, and the connector's peak memory.
 */
final class InitialSyncBenchmark {
  private final BenchContext ctx;
  private final BenchOptions o;
  private final List<Round> rounds = new ArrayList<>();
  private final List<Round> tunedRounds = new ArrayList<>();

  InitialSyncBenchmark(BenchContext ctx) {
    this.ctx = ctx;
    this.o = ctx.options();
  }

  void run() throws Exception {
    try (MockApiProcess api = ctx.startApi(o.users(), o.days())) {
      Path csv = ctx.work().resolve("truth.csv");
      Path byCursor = ctx.work().resolve("truth-by-cursor.csv");
      long rows = Truth.writeCsv(api, csv, byCursor);
      System.err.printf("bench: truth has %,d rows (%,d bytes of CSV)%n", rows, Files.size(csv));
      for (int round = 1; round < o.repeat(); round++) {
        round(api, round, rows, csv, byCursor);
      }
      ctx.db().cleanup();
      lastRound(api, rows, csv, byCursor);
    }
  }

  /** One of the rounds before the last: the rates only. */
  private void round(MockApiProcess api, int round, long rows, Path csv, Path byCursor)
      throws Exception {
    ctx.db().cleanup();
    SyncRun r = ctx.connector().sync(api, ctx.defaults(), Optional.empty(), "--until-complete");
    ctx.connector().check(r, rows);
    Thread.sleep(500);
    double tunedRate = o.tuned() ? rows / tunedSync(api, rows).seconds() : Double.NaN;
    double id = rows / ctx.psql().copy(csv).seconds();
    double cursor = rows / ctx.psql().copy(byCursor).seconds();
    rounds.add(new Round(rows / r.seconds(), id, cursor));
    tunedRounds.add(new Round(tunedRate, id, cursor));
    System.err.printf(
        "bench: round %d: pfsync %s%s, \\copy %s (id order), %s (cursor order)%n",
        round,
        rate(rows / r.seconds()),
        o.tuned() ? " (tuned " + rate(tunedRate) + ")" : "",
        rate(id),
        rate(cursor));
  }

  /** The last round, measured in full, then the re-sync. */
  private void lastRound(MockApiProcess api, long rows, Path csv, Path byCursor) throws Exception {
    Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
    long freshRows = Truth.countSince(api, from);
    CpuSnapshot cpu0 = CpuSnapshot.take(api.pid());
    SyncRun init =
        ctx.connector()
            .sync(
                api,
                ctx.defaults(),
                Optional.of(new Connector.Freshness(from, freshRows)),
                "--until-complete");
    Thread.sleep(500); // let the postmaster reap the connector's backend
    CpuSnapshot cpu1 = CpuSnapshot.take(api.pid());
    ctx.connector().check(init, rows);
    Optional<SyncRun> tunedInit = o.tuned() ? Optional.of(tunedSync(api, rows)) : Optional.empty();
    Psql.Timing copy = ctx.psql().copy(csv);
    Psql.Timing cursorCopy = ctx.psql().copy(byCursor);
    double initRate = rows / init.seconds();
    double copyRate = rows / copy.seconds();
    double cursorCopyRate = rows / cursorCopy.seconds();
    Report report = ctx.report();
    report.add(
        "1. initial sync " + Format.count(rows) + " rows, page " + o.pageSize(),
        rate(initRate),
        "psql \\copy: " + rate(copyRate),
        ratio(initRate / copyRate),
        ">= 0.4 (stretch 0.5)");
    report.add(
        "   same, rows in cursor order",
        rate(initRate),
        "psql \\copy (updatedAt, id order): " + rate(cursorCopyRate),
        ratio(initRate / cursorCopyRate),
        "the order a sync inserts in");
    if (!rounds.isEmpty()) {
      rounds.add(new Round(initRate, copyRate, cursorCopyRate));
      report.addRounds(
          "   " + rounds.size() + " interleaved rounds",
          rounds,
          "each round: sync, then both \\copy");
    }
    tunedInit.ifPresent(t -> addTuned(t, rows, copyRate, cursorCopyRate));
    report.add(
        "   backend CPU, pfsync vs \\copy",
        String.format("%.1fs", init.backendCpuSeconds()),
        String.format(
            "%.1fs (id order), %.1fs (cursor order)",
            copy.backendCpuSeconds(), cursorCopy.backendCpuSeconds()),
        ratio(init.backendCpuSeconds() / copy.backendCpuSeconds())
            + " / "
            + ratio(init.backendCpuSeconds() / cursorCopy.backendCpuSeconds()),
        "PostgreSQL work per row, relative");
    report.add(
        "   CPU split during the sync",
        String.format("connector %.1fs", init.cpuSeconds()),
        String.format(
            "mock-api %.1fs, its postgres backends %.1fs (all postgres %.1fs)",
            cpu1.api() - cpu0.api(), init.backendCpuSeconds(), cpu1.postgres() - cpu0.postgres()),
        String.format("wall %.1fs", init.seconds()),
        "2 cores = " + String.format("%.0fs", 2 * init.seconds()) + " available");
    report.add(
        "   time to freshness (this run)",
        secs(init.freshSeconds()),
        "full sync: " + secs(init.seconds()),
        ratio(init.freshSeconds() / init.seconds()),
        "");
    resync(api, rows, csv);
    report.add(
        "4. memory, " + Format.count(rows) + " rows",
        "peak RSS " + mb(init.peakRssKb()),
        "-Xmx" + o.connectorXmx(),
        "",
        "mock-api peak RSS " + mb(api.peakRssKb()));
  }

  private void addTuned(SyncRun tuned, long rows, double copyRate, double cursorCopyRate) {
    double tunedRate = rows / tuned.seconds();
    tunedRounds.add(new Round(tunedRate, copyRate, cursorCopyRate));
    ctx.report()
        .addRounds(
            "   tuned: " + tunedRounds.size() + " rounds",
            tunedRounds,
            "last round " + rate(tunedRate) + ", peak RSS " + mb(tuned.peakRssKb()));
    ctx.report()
        .note(
            "tuned = "
                + Tuning.TUNED_LABEL
                + o.tunedWindow().map(w -> ", --window " + w).orElse("")
                + " (README, \"Tuning\"); not the defaults");
  }

  /** Benchmark 2: the state forgotten, every row synced again, against COPY + merge. */
  private void resync(MockApiProcess api, long rows, Path csv) throws Exception {
    SyncRun resync = ctx.connector().resync(api);
    ctx.connector().check(resync, rows);
    double mergeSeconds = ctx.psql().merge(csv).seconds();
    double resyncRate = rows / resync.seconds();
    double mergeRate = rows / mergeSeconds;
    ctx.report()
        .add(
            "2. re-sync, every row present",
            rate(resyncRate),
            "COPY+merge: " + rate(mergeRate),
            ratio(resyncRate / mergeRate),
            "");
  }

  /** One sync into an empty schema with the tuned configuration. */
  private SyncRun tunedSync(MockApiProcess api, long rows) throws Exception {
    SyncRun r =
        ctx.connector()
            .sync(api, Tuning.tuned(o.tunedWindow()), Optional.empty(), "--until-complete");
    ctx.connector().check(r, rows);
    Thread.sleep(500);
    return r;
  }
}
