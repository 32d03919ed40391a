package dev.pfsync.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs the connector jar against a benchmark's API and measures its syncs. */
final class Connector {
  /**
   * Rows whose arrival marks the sync "fresh": every row with {@code updatedAt >= from}.
   *
   * @param from the start of the most recent day, when the sync began
   * @param rows how many such rows the API holds (counted through it beforehand)
   */
  record Freshness(Instant from, long rows) {}

  private final BenchOptions options;
  private final Database db;
  private final Path work;

  Connector(BenchOptions options, Database db, Path work) {
    this.options = options;
    this.db = db;
    this.work = work;
  }

  /** A sync ({@code extra}: e.g. {@code --until-complete}) into an empty schema. */
  SyncRun sync(MockApiProcess api, Tuning tuning, Optional<Freshness> fresh, String... extra)
      throws Exception {
    run(api, tuning, "reset", "--drop-tables");
    return measure(api, tuning, fresh, extra);
  }

  /**
   * Forgets the state but keeps the tables and their rows, then syncs until complete with the
   * defaults: every row read is already stored.
   */
  SyncRun resync(MockApiProcess api) throws Exception {
    Tuning defaults = Tuning.defaults(options.pageSize());
    run(api, defaults, "reset");
    return measure(api, defaults, Optional.empty(), "--until-complete");
  }

  /**
   * Runs a sync, polling it every 20 ms for its memory, its CPU and its backends' (every 100 ms),
   * and for the freshness target.
   */
  private SyncRun measure(
      MockApiProcess api, Tuning tuning, Optional<Freshness> fresh, String... extra)
      throws Exception {
    db.sql("CHECKPOINT;");
    List<String> cmd = command(api, tuning, "sync");
    cmd.addAll(List.of(extra));
    Path log = work.resolve("connector-" + System.nanoTime() + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    long t0 = System.nanoTime();
    Process p = pb.start();
    Optional<String> freshSql =
        fresh.map(
            f ->
                "SELECT count(*) FROM "
                    + Database.SCHEMA
                    + ".\"user\" WHERE updated_at >= '"
                    + f.from()
                    + "'");
    Backends backends = new Backends(ConnectorCommand.APP);
    long peakRssKb = 0;
    double cpuSeconds = 0;
    double freshSeconds = Double.NaN;
    long polls = 0;
    try (Connection c = db.connect()) {
      while (p.isAlive()) {
        if (polls++ % 5 == 0) {
          backends.sample(c);
        }
        peakRssKb = Math.max(peakRssKb, Proc.hwmKb(p.pid()));
        cpuSeconds = Math.max(cpuSeconds, Proc.cpuSeconds(p.pid()));
        if (freshSql.isPresent() && Double.isNaN(freshSeconds)) {
          double at = (System.nanoTime() - t0) / 1e9;
          if (count(c, freshSql.get()) >= fresh.get().rows()) {
            freshSeconds = at;
          }
        }
        Thread.sleep(20);
      }
    }
    int exit = p.waitFor();
    SyncRun r =
        new SyncRun(
            exit,
            (System.nanoTime() - t0) / 1e9,
            freshSeconds,
            peakRssKb,
            cpuSeconds,
            backends.cpuSeconds(),
            log);
    System.err.printf(
        "bench: sync exit %d in %.1f s (fresh at %.2f s), peak RSS %s: %s%n",
        r.exit(), r.seconds(), r.freshSeconds(), Format.mb(r.peakRssKb()), r.lastLine());
    return r;
  }

  /** Runs a connector command that must succeed (e.g. {@code reset}). */
  void run(MockApiProcess api, Tuning tuning, String... command) throws Exception {
    List<String> cmd = command(api, tuning, command);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectErrorStream(true);
    Path log = work.resolve("connector-cmd.log");
    pb.redirectOutput(log.toFile());
    int rc = pb.start().waitFor();
    if (rc != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + Files.readString(log));
    }
  }

  /** Fails unless the sync exited 0 and the table holds {@code expected} rows. */
  void check(SyncRun r, long expected) throws Exception {
    long n = db.syncedRows();
    if (r.exit() != 0 || n != expected) {
      throw new IllegalStateException(
          "sync ended with exit "
              + r.exit()
              + " and "
              + n
              + " rows, expected "
              + expected
              + "; log: "
              + r.log());
    }
  }

  private List<String> command(MockApiProcess api, Tuning tuning, String... command) {
    return new ArrayList<>(
        ConnectorCommand.of(options, tuning, db, api.url(), api.days(), List.of(command)));
  }

  /** The count, or 0 while the table does not exist yet. */
  private static long count(Connection c, String sql) {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (Exception tableNotYetThere) {
      return 0;
    }
  }
}
