package dev.pfsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * End-to-end benchmarks of pfsync against baselines run in the same process tree at the same
 * moment, run by {@code bench/run.sh} from the repository root. It starts the mock-api and
 * connector jars as child processes, runs {@code psql} for the baselines, and prints one table
 * (bench/RESULTS.md explains each row).
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    BenchOptions o;
    try {
      o = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (o.help()) {
      System.out.print(BenchOptions.USAGE);
      return;
    }
    Database db = Database.fromEnvironment(System.getenv());
    Path work = Files.createTempDirectory("pfsync-bench");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  db.cleanup();
                  deleteWorkDir(work);
                }));
    System.err.printf(
        "bench: %d users over %d days, page size %d, connector -Xmx%s, %d cores, work dir %s%n",
        o.users(), o.days(), o.pageSize(), o.connectorXmx(), Machine.cores(), work);
    db.cleanup();
    String loadAtStart = Machine.load();
    String pgVersion = db.serverVersion();
    Report report = new Report();
    BenchContext ctx =
        new BenchContext(o, db, work, new Connector(o, db, work), new Psql(db, work), report);
    new InitialSyncBenchmark(ctx).run();
    new MemoryBenchmark(ctx).run();
    if (!o.skipFreshness()) {
      new FreshnessBenchmark(ctx).run();
    }
    report.print(
        System.out,
        String.format(
            "pfsync benchmark, %s, %d cores, %s RAM, load average %s -> %s, %s, page size %d,"
                + " connector -Xmx%s, prefetch %s",
            Instant.now().truncatedTo(ChronoUnit.SECONDS),
            Machine.cores(),
            Machine.memTotal(),
            loadAtStart,
            Machine.load(),
            pgVersion,
            o.pageSize(),
            o.connectorXmx(),
            o.prefetch() ? "on" : "off"));
  }

  /** The truth CSVs and logs (hundreds of MB at 1M rows); PFSYNC_BENCH_KEEP=1 keeps them. */
  private static void deleteWorkDir(Path work) {
    if (System.getenv("PFSYNC_BENCH_KEEP") != null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(work)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("bench: could not delete " + work + ": " + e.getMessage());
    }
  }
}
