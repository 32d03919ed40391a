// End-to-end benchmark of pfsync against baselines run in the same process tree at the same
// moment. Launched by bench/run.sh as a single-file program:
//   java -cp connector/target/connector.jar bench/Bench.java [--users N] [--days D] ...
// It starts mock-api and connector jars as child processes, runs psql for the baselines, and
// prints one table. See bench/RESULTS.md.
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Bench {
  static final String JDBC =
      env("PFSYNC_BENCH_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
  static final String PGHOST = env("PGHOST", "127.0.0.1");
  static final String PGPORT = env("PGPORT", "5432");
  static final String PGUSER = env("PGUSER", "postgres");
  static final String PGDATABASE = env("PGDATABASE", "postgres");
  static final String SCHEMA = "pfsync_bench";
  static final String BASE = "pfsync_bench_base";
  static final String CONNECTOR_ID = "pfsync_bench";

  // options
  static long users = 1_000_000;
  static int days = 365;
  static int pageSize = 1000;
  static int smallUsers = 100_000;
  static int freshRowsPerDay = 1000;
  static int[] freshDays = {30, 365, 3650};
  static String connectorXmx = "128m";
  static String apiXmx = "2g";
  static boolean skipFreshness;
  static int repeat = 1; // rounds of benchmark 1 (sync + both \copy), interleaved
  static boolean prefetch = false; // the shipped default; --prefetch measures the opt-in
  // --tuned: each round also syncs with the knobs README's "Tuning" lists (none is a default).
  static boolean tuned;
  static final int TUNED_PAGE_SIZE = 10_000;
  static final String TUNED_JDBC = "options=-c%20synchronous_commit%3Doff";
  static final List<String> TUNED_JVM = List.of("-XX:+UseSerialGC");
  static final String TUNED_LABEL =
      "--page-size 10000, JDBC options=-c synchronous_commit=off, java -XX:+UseSerialGC";
  static String tunedWindow; // --tuned-window 7d: wider backfill slices in the tuned syncs too
  static boolean runTuned; // the configuration connectorCommand builds now
  static Path work;

  static final List<String[]> table = new ArrayList<>();
  static final List<String> notes = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--users" -> users = Long.parseLong(args[++i]);
        case "--days" -> days = Integer.parseInt(args[++i]);
        case "--page-size" -> pageSize = Integer.parseInt(args[++i]);
        case "--small-users" -> smallUsers = Integer.parseInt(args[++i]);
        case "--fresh-rows-per-day" -> freshRowsPerDay = Integer.parseInt(args[++i]);
        case "--fresh-days" ->
            freshDays =
                java.util.Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--no-freshness" -> skipFreshness = true;
        case "--prefetch" -> prefetch = true;
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        case "--no-prefetch" -> prefetch = false;
        case "--tuned" -> tuned = true;
        case "--tuned-window" -> {
          tuned = true;
          tunedWindow = args[++i];
        }
        case "--connector-xmx" -> connectorXmx = args[++i];
        case "--api-xmx" -> apiXmx = args[++i];
        default -> {
          System.err.println("bench: unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    work = Files.createTempDirectory("pfsync-bench");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  cleanup();
                  deleteWorkDir();
                }));
    System.err.printf(
        "bench: %d users over %d days, page size %d, connector -Xmx%s, %d cores, work dir %s%n",
        users, days, pageSize, connectorXmx, Runtime.getRuntime().availableProcessors(), work);
    cleanup();
    loadAtStart = load();
    try (Connection c = DriverManager.getConnection(JDBC, PGUSER, System.getenv("PGPASSWORD"));
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW server_version")) {
      rs.next();
      pgVersion = "PostgreSQL " + rs.getString(1).split(" ")[0];
    }
    initialAndResync();
    memory();
    if (!skipFreshness) {
      freshness();
    }
    print();
  }

  // ---- 1, 2 and 4: initial sync and re-sync of the big dataset vs psql baselines ----

  static void initialAndResync() throws Exception {
    try (MockApi api = MockApi.start(users, days)) {
      Path csv = work.resolve("truth.csv");
      Path csvByCursor = work.resolve("truth-by-cursor.csv");
      long truthRows = api.truthCsv(csv, csvByCursor);
      System.err.printf(
          "bench: truth has %,d rows (%,d bytes of CSV)%n", truthRows, Files.size(csv));

      List<double[]> rounds = new ArrayList<>(); // {pfsync rows/s, id-order rows/s, cursor rows/s}
      List<double[]> tunedRounds = new ArrayList<>(); // the same with the tuned configuration
      for (int round = 1; round < repeat; round++) {
        cleanup();
        Run r = Run.sync(api, null, 0, "--until-complete");
        check(r, truthRows);
        Thread.sleep(500);
        double tunedRate = tuned ? truthRows / tunedSync(api, truthRows).seconds : Double.NaN;
        double id = truthRows / psqlCopyBaseline(csv);
        double cursor = truthRows / psqlCopyBaseline(csvByCursor);
        rounds.add(new double[] {truthRows / r.seconds, id, cursor});
        tunedRounds.add(new double[] {tunedRate, id, cursor});
        System.err.printf(
            "bench: round %d: pfsync %s%s, \\copy %s (id order), %s (cursor order)%n",
            round,
            rate(truthRows / r.seconds),
            tuned ? " (tuned " + rate(tunedRate) + ")" : "",
            rate(id),
            rate(cursor));
      }
      cleanup();

      Instant fromT = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
      long freshRows = api.countSince(fromT);
      Cpu cpu0 = Cpu.snapshot(api.pid);
      Run init = Run.sync(api, fromT, freshRows, "--until-complete");
      Thread.sleep(500); // let the postmaster reap the connector's backend
      Cpu cpu1 = Cpu.snapshot(api.pid);
      check(init, truthRows);
      Run tunedInit = tuned ? tunedSync(api, truthRows) : null;
      double copySeconds = psqlCopyBaseline(csv);
      double copyBackendCpu = lastPsqlBackendCpu;
      double cursorCopySeconds = psqlCopyBaseline(csvByCursor);
      double cursorCopyBackendCpu = lastPsqlBackendCpu;
      double cursorCopyRate = truthRows / cursorCopySeconds;
      double initRate = truthRows / init.seconds;
      double copyRate = truthRows / copySeconds;
      add(
          "1. initial sync " + fmt(truthRows) + " rows, page " + pageSize,
          rate(initRate),
          "psql \\copy: " + rate(copyRate),
          ratio(initRate / copyRate),
          ">= 0.4 (stretch 0.5)");
      add(
          "   same, rows in cursor order",
          rate(initRate),
          "psql \\copy (updatedAt, id order): " + rate(cursorCopyRate),
          ratio(initRate / cursorCopyRate),
          "the order a sync inserts in");
      if (!rounds.isEmpty()) {
        rounds.add(new double[] {initRate, copyRate, cursorCopyRate});
        addRounds(
            "   " + rounds.size() + " interleaved rounds", rounds, "each round: sync, then both \\copy");
      }
      if (tuned) {
        double tunedRate = truthRows / tunedInit.seconds;
        tunedRounds.add(new double[] {tunedRate, copyRate, cursorCopyRate});
        addRounds(
            "   tuned: " + tunedRounds.size() + " rounds",
            tunedRounds,
            "last round " + rate(tunedRate) + ", peak RSS " + mb(tunedInit.peakRssKb));
        notes.add(
            "tuned = "
                + TUNED_LABEL
                + (tunedWindow == null ? "" : ", --window " + tunedWindow)
                + " (README, \"Tuning\"); not the defaults");
      }
      add(
          "   backend CPU, pfsync vs \\copy",
          String.format("%.1fs", init.backendCpuSeconds),
          String.format(
              "%.1fs (id order), %.1fs (cursor order)", copyBackendCpu, cursorCopyBackendCpu),
          ratio(init.backendCpuSeconds / copyBackendCpu)
              + " / "
              + ratio(init.backendCpuSeconds / cursorCopyBackendCpu),
          "PostgreSQL work per row, relative");
      add(
          "   CPU split during the sync",
          String.format("connector %.1fs", init.cpuSeconds),
          String.format(
              "mock-api %.1fs, its postgres backends %.1fs (all postgres %.1fs)",
              cpu1.api - cpu0.api, init.backendCpuSeconds, cpu1.postgres - cpu0.postgres),
          String.format("wall %.1fs", init.seconds),
          "2 cores = " + String.format("%.0fs", 2 * init.seconds) + " available");
      add(
          "   time to freshness (this run)",
          secs(init.freshSeconds),
          "full sync: " + secs(init.seconds),
          ratio(init.freshSeconds / init.seconds),
          "");
      Run resync = Run.resync(api);
      check(resync, truthRows);
      double mergeSeconds = psqlMergeBaseline(csv);
      double resyncRate = truthRows / resync.seconds;
      double mergeRate = truthRows / mergeSeconds;
      add(
          "2. re-sync, every row present",
          rate(resyncRate),
          "COPY+merge: " + rate(mergeRate),
          ratio(resyncRate / mergeRate),
          "");
      add(
          "4. memory, " + fmt(truthRows) + " rows",
          "peak RSS " + mb(init.peakRssKb),
          "-Xmx" + connectorXmx,
          "",
          "mock-api peak RSS " + mb(api.peakRssKb()));
    }
  }

  /** One sync into an empty schema with the tuned configuration; then the default again. */
  static Run tunedSync(MockApi api, long truthRows) throws Exception {
    runTuned = true;
    try {
      Run r = Run.sync(api, null, 0, "--until-complete");
      check(r, truthRows);
      Thread.sleep(500);
      return r;
    } finally {
      runTuned = false;
    }
  }

  /** A table row of per-round ratios to both baselines and their medians. */
  static void addRounds(String label, List<double[]> rounds, String note) {
    add(
        label,
        "ratios vs id order: " + ratios(rounds, 1),
        "vs cursor order: " + ratios(rounds, 2),
        "median " + ratio(median(rounds, 1)) + " / " + ratio(median(rounds, 2)),
        note);
  }

  static String ratios(List<double[]> rounds, int baseline) {
    StringBuilder b = new StringBuilder();
    for (double[] r : rounds) {
      b.append(b.length() == 0 ? "" : " ").append(ratio(r[0] / r[baseline]));
    }
    return b.toString();
  }

  static double median(List<double[]> rounds, int baseline) {
    double[] v = rounds.stream().mapToDouble(r -> r[0] / r[baseline]).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  static void memory() throws Exception {
    try (MockApi api = MockApi.start(smallUsers, days)) {
      Run small = Run.sync(api, null, 0, "--until-complete");
      check(small, smallUsers);
      add(
          "4. memory, " + fmt(smallUsers) + " rows",
          "peak RSS " + mb(small.peakRssKb),
          "-Xmx" + connectorXmx,
          String.format("%s rows/s", fmt((long) (smallUsers / small.seconds))),
          "");
    }
  }

  // ---- 3: time to freshness as history grows ----

  static void freshness() throws Exception {
    List<double[]> results = new ArrayList<>();
    for (int d : freshDays) {
      long n = (long) d * freshRowsPerDay;
      try (MockApi api = MockApi.start(n, d)) {
        Instant fromT = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
        long fresh = api.countSince(fromT);
        Run r = Run.sync(api, fromT, fresh, "--until-complete");
        check(r, n);
        results.add(new double[] {d, n, r.freshSeconds, r.seconds, fresh});
        add(
            "3. freshness, " + d + " days (" + fmt(n) + " rows)",
            secs(r.freshSeconds) + " (" + fmt(fresh) + " rows)",
            "oldest-first (full sync): " + secs(r.seconds),
            "",
            "peak RSS " + mb(r.peakRssKb));
      }
    }
    if (results.size() >= 2) {
      double first = results.get(0)[2];
      double last = results.get(results.size() - 1)[2];
      add(
          "   freshness "
              + (int) results.get(results.size() - 1)[0]
              + "d / "
              + (int) results.get(0)[0]
              + "d",
          "",
          "",
          ratio(last / first),
          "<= 1.5");
    }
  }

  // ---- baselines ----

  static final String COLUMNS =
      "id, name, email, address, company, job, created_at, updated_at, deleted_at";

  static double psqlCopyBaseline(Path csv) throws Exception {
    sql(
        "DROP SCHEMA IF EXISTS "
            + BASE
            + " CASCADE; CREATE SCHEMA "
            + BASE
            + ";"
            + " CREATE TABLE "
            + BASE
            + ".copy_target (LIKE "
            + SCHEMA
            + ".\"user\" INCLUDING ALL);"
            + " CHECKPOINT;");
    return psql(
        "\\copy " + BASE + ".copy_target (" + COLUMNS + ") FROM '" + csv + "' WITH (FORMAT csv)");
  }

  static double psqlMergeBaseline(Path csv) throws Exception {
    sql("CHECKPOINT;");
    String cols = COLUMNS;
    StringBuilder set = new StringBuilder();
    for (String c : cols.split(", ")) {
      if (!c.equals("id")) {
        set.append(set.length() == 0 ? "" : ", ").append(c).append(" = EXCLUDED.").append(c);
      }
    }
    String script =
        "CREATE UNLOGGED TABLE "
            + BASE
            + ".stage (LIKE "
            + BASE
            + ".copy_target INCLUDING DEFAULTS);\n"
            + "\\copy "
            + BASE
            + ".stage ("
            + cols
            + ") FROM '"
            + csv
            + "' WITH (FORMAT csv)\n"
            + "INSERT INTO "
            + BASE
            + ".copy_target ("
            + cols
            + ") SELECT "
            + cols
            + " FROM "
            + BASE
            + ".stage ON CONFLICT (id) DO UPDATE SET "
            + set
            + ", _pfsync_synced_at = now() WHERE copy_target.updated_at <= EXCLUDED.updated_at;\n";
    Path f = work.resolve("merge.sql");
    Files.writeString(f, script);
    return psqlFile(f);
  }

  static double psql(String command) throws Exception {
    Path f = work.resolve("cmd.sql");
    Files.writeString(f, command + "\n");
    return psqlFile(f);
  }

  static double psqlFile(Path f) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            "psql",
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            PGHOST,
            "-p",
            PGPORT,
            "-U",
            PGUSER,
            "-d",
            PGDATABASE,
            "-f",
            f.toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(work.resolve("psql.log").toFile());
    pb.environment().put("PGAPPNAME", "pfsync_bench_psql");
    long t0 = System.nanoTime();
    Process proc = pb.start();
    lastPsqlBackendCpu = backendCpuWhile(proc, "pfsync_bench_psql");
    int rc = proc.waitFor();
    double s = (System.nanoTime() - t0) / 1e9;
    if (rc != 0) {
      throw new IllegalStateException("psql failed: " + Files.readString(work.resolve("psql.log")));
    }
    return s;
  }

  static double lastPsqlBackendCpu;

  /** CPU seconds of the backends named {@code app} while {@code p} runs (polled every 50 ms). */
  static double backendCpuWhile(Process p, String app) throws Exception {
    Map<Long, Double> backends = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(JDBC, PGUSER, System.getenv("PGPASSWORD"))) {
      while (p.isAlive()) {
        try (Statement st = c.createStatement();
            ResultSet rs =
                st.executeQuery(
                    "SELECT pid FROM pg_stat_activity WHERE application_name = '" + app + "'")) {
          while (rs.next()) {
            backends.put(rs.getLong(1), 0.0);
          }
        }
        backends.replaceAll((pid, cpu) -> Math.max(cpu, Proc.cpuSeconds(pid)));
        Thread.sleep(50);
      }
    }
    return backends.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  static void sql(String statements) throws Exception {
    try (Connection c = DriverManager.getConnection(JDBC, PGUSER, System.getenv("PGPASSWORD"));
        Statement st = c.createStatement()) {
      st.execute(statements);
    }
  }

  static long count(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(JDBC, PGUSER, System.getenv("PGPASSWORD"));
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void check(Run r, long expected) throws Exception {
    long n = count("SELECT count(*) FROM " + SCHEMA + ".\"user\"");
    if (r.exit != 0 || n != expected) {
      throw new IllegalStateException(
          "sync ended with exit "
              + r.exit
              + " and "
              + n
              + " rows, expected "
              + expected
              + "; log: "
              + r.log);
    }
  }

  /** The truth CSVs and logs (hundreds of MB at 1M rows); set PFSYNC_BENCH_KEEP=1 to keep them. */
  static void deleteWorkDir() {
    if (System.getenv("PFSYNC_BENCH_KEEP") != null) {
      return;
    }
    try (var paths = Files.walk(work)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("bench: could not delete " + work + ": " + e.getMessage());
    }
  }

  static void cleanup() {
    try {
      sql(
          "DROP SCHEMA IF EXISTS "
              + SCHEMA
              + " CASCADE; DROP SCHEMA IF EXISTS "
              + BASE
              + " CASCADE;"
              + " DO $$ BEGIN IF to_regclass('_pfsync.state') IS NOT NULL THEN"
              + " DELETE FROM _pfsync.state WHERE connector_id = '"
              + CONNECTOR_ID
              + "';"
              + " DELETE FROM _pfsync.runs WHERE connector_id = '"
              + CONNECTOR_ID
              + "';"
              + " END IF; END $$;");
    } catch (Exception e) {
      System.err.println("bench: cleanup failed: " + e.getMessage());
    }
  }

  // ---- processes ----

  /** The mock-api jar as a child process. */
  static final class MockApi implements AutoCloseable {
    final Process process;
    final long pid;
    final String url;
    int days;
    final HttpClient http = HttpClient.newHttpClient();
    private long peakKb;

    private MockApi(Process p, String url) {
      this.process = p;
      this.pid = p.pid();
      this.url = url;
    }

    static MockApi start(long users, int days) throws Exception {
      Path log = work.resolve("mock-api-" + users + "-" + days + ".log");
      ProcessBuilder pb =
          new ProcessBuilder(
              "java",
              "-Xmx" + apiXmx,
              "-jar",
              "mock-api/target/mock-api.jar",
              "--port",
              "0",
              "--admin",
              "--users",
              Long.toString(users),
              "--history-days",
              Integer.toString(days));
      pb.redirectErrorStream(true);
      pb.redirectOutput(log.toFile());
      Process p = pb.start();
      Pattern ready = Pattern.compile("listening on (http://[0-9.:]+)");
      for (int i = 0; i < 6000; i++) {
        Matcher m = ready.matcher(Files.readString(log));
        if (m.find()) {
          System.err.printf(
              "bench: mock-api %,d users over %d days at %s%n", users, days, m.group(1));
          MockApi api = new MockApi(p, m.group(1));
          api.days = days;
          return api;
        }
        if (!p.isAlive()) {
          throw new IllegalStateException("mock-api died: " + Files.readString(log));
        }
        Thread.sleep(50);
      }
      p.destroy();
      throw new IllegalStateException("mock-api did not start");
    }

    long peakRssKb() {
      peakKb = Math.max(peakKb, Proc.hwmKb(pid));
      return peakKb;
    }

    InputStream get(String path) throws Exception {
      HttpResponse<InputStream> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url + path)).build(),
              HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + " answered " + r.statusCode());
      }
      return r.body();
    }

    /** Rows with updatedAt >= since, paged through the API itself. */
    long countSince(Instant since) throws Exception {
      long n = 0;
      String after = null;
      String from = since.toString();
      JsonFactory f = new JsonFactory();
      while (true) {
        String q =
            "/v1/users?limit=10000&updated_since="
                + from
                + (after == null ? "" : "&after_id=" + after);
        boolean more = false;
        try (InputStream in = get(q);
            JsonParser p = f.createParser(in)) {
          int depth = 0;
          String field = null;
          JsonToken t;
          while ((t = p.nextToken()) != null) {
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
              depth++;
              if (depth == 3 && "data".equals(field)) {
                n++;
              }
            } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
              depth--;
            } else if (t == JsonToken.FIELD_NAME) {
              field = depth == 1 ? p.currentName() : field;
              if (depth == 2 && "next".equals(field)) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("updated_since")) {
                  from = p.getText();
                } else if (name.equals("after_id")) {
                  after = p.getText();
                }
              }
            } else if (t == JsonToken.VALUE_TRUE && depth == 1 && "has_more".equals(field)) {
              more = true;
            }
          }
        }
        if (!more) {
          return n;
        }
      }
    }

    /**
     * Writes /admin/truth as CSV (the 9 source columns, id order as served) and the same rows in
     * cursor order (updatedAt, id: the order a sync inserts them) to {@code byCursorCsv}; returns
     * the row count.
     */
    long truthCsv(Path csv, Path byCursorCsv) throws Exception {
      long n = 0;
      List<String[]> byCursor = new ArrayList<>();
      JsonFactory f = new JsonFactory();
      String[] order = {
        "id", "name", "email", "address", "company", "job", "createdAt", "updatedAt", "deletedAt"
      };
      try (InputStream in = get("/admin/truth");
          JsonParser p = f.createParser(in);
          BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
        Map<String, String> row = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) != null) {
          if (t == JsonToken.START_OBJECT) {
            row.clear();
          } else if (t == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            row.put(name, p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText());
          } else if (t == JsonToken.END_OBJECT) {
            StringBuilder line = new StringBuilder(320);
            for (int i = 0; i < order.length; i++) {
              if (i > 0) {
                line.append(',');
              }
              String v = row.get(order[i]);
              if (v != null) {
                line.append('"').append(v.replace("\"", "\"\"")).append('"');
              }
            }
            line.append('\n');
            w.write(line.toString());
            byCursor.add(
                new String[] {row.get("updatedAt") + " " + row.get("id"), line.toString()});
            n++;
          }
        }
      }
      byCursor.sort(java.util.Comparator.comparing((String[] r) -> r[0]));
      try (BufferedWriter w = Files.newBufferedWriter(byCursorCsv, StandardCharsets.UTF_8)) {
        for (String[] r : byCursor) {
          w.write(r[1]);
        }
      }
      return n;
    }

    @Override
    public void close() {
      peakRssKb();
      process.destroy();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One connector process: wall time, freshness, peak RSS, CPU. */
  static final class Run {
    int exit;
    double seconds;
    double freshSeconds = Double.NaN;
    long peakRssKb;
    double cpuSeconds;
    double backendCpuSeconds;
    Path log;

    static Run resync(MockApi api) throws Exception {
      connector(api, "reset"); // forget the state, keep the tables
      return sync(api, null, 0, "--until-complete");
    }

    static Run sync(MockApi api, Instant freshFrom, long freshRows, String... extra)
        throws Exception {
      connector(api, "reset", "--drop-tables");
      sql("CHECKPOINT;");
      List<String> cmd = new ArrayList<>(connectorCommand(api, "sync"));
      cmd.addAll(List.of(extra));
      Run r = new Run();
      r.log = work.resolve("connector-" + System.nanoTime() + ".log");
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.redirectErrorStream(true);
      pb.redirectOutput(r.log.toFile());
      long t0 = System.nanoTime();
      Process p = pb.start();
      String freshSql =
          freshFrom == null
              ? null
              : "SELECT count(*) FROM "
                  + SCHEMA
                  + ".\"user\" WHERE updated_at >= '"
                  + freshFrom
                  + "'";
      Map<Long, Double> backends = new LinkedHashMap<>();
      long polls = 0;
      try (Connection c = DriverManager.getConnection(JDBC, PGUSER, System.getenv("PGPASSWORD"))) {
        while (p.isAlive()) {
          if (polls++ % 5 == 0) {
            // The CPU of this connector's own PostgreSQL backends (others share the server).
            try (Statement st = c.createStatement();
                ResultSet rs =
                    st.executeQuery(
                        "SELECT pid FROM pg_stat_activity WHERE application_name = '"
                            + APP
                            + "'")) {
              while (rs.next()) {
                backends.put(rs.getLong(1), 0.0);
              }
            }
            backends.replaceAll((pid, cpu) -> Math.max(cpu, Proc.cpuSeconds(pid)));
          }
          r.peakRssKb = Math.max(r.peakRssKb, Proc.hwmKb(p.pid()));
          r.cpuSeconds = Math.max(r.cpuSeconds, Proc.cpuSeconds(p.pid()));
          if (freshSql != null && Double.isNaN(r.freshSeconds)) {
            double at = (System.nanoTime() - t0) / 1e9;
            try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(freshSql)) {
              rs.next();
              if (rs.getLong(1) >= freshRows) {
                r.freshSeconds = at;
              }
            } catch (Exception tableNotYetThere) {
              c.setAutoCommit(true);
            }
          }
          Thread.sleep(20);
        }
      }
      r.exit = p.waitFor();
      r.backendCpuSeconds = backends.values().stream().mapToDouble(Double::doubleValue).sum();
      r.seconds = (System.nanoTime() - t0) / 1e9;
      System.err.printf(
          "bench: sync exit %d in %.1f s (fresh at %.2f s), peak RSS %s: %s%n",
          r.exit, r.seconds, r.freshSeconds, mb(r.peakRssKb), lastLine(r.log));
      return r;
    }

    static List<String> connectorCommand(MockApi api, String... command) {
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  "java",
                  "-Xmx" + connectorXmx,
                  "-Dpfsync.prefetch=" + prefetch));
      if (runTuned) {
        cmd.addAll(TUNED_JVM);
      }
      cmd.addAll(List.of("-jar", "connector/target/connector.jar"));
      cmd.addAll(List.of(command));
      cmd.addAll(
          List.of(
              "--api-url",
              api.url,
              "--jdbc-url",
              connectorJdbc(),
              "--db-user",
              PGUSER,
              "--schema",
              SCHEMA,
              "--connector-id",
              CONNECTOR_ID,
              "--history-start",
              (api.days + 2) + "d",
              "--page-size",
              Integer.toString(runTuned ? TUNED_PAGE_SIZE : pageSize)));
      if (runTuned && tunedWindow != null) {
        cmd.addAll(List.of("--window", tunedWindow));
      }
      return cmd;
    }

    static void connector(MockApi api, String... command) throws Exception {
      List<String> cmd = connectorCommand(api, command);
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.redirectErrorStream(true);
      Path log = work.resolve("connector-cmd.log");
      pb.redirectOutput(log.toFile());
      int rc = pb.start().waitFor();
      if (rc != 0) {
        throw new IllegalStateException(
            String.join(" ", cmd) + " failed: " + Files.readString(log));
      }
    }
  }

  static final String APP = "pfsync_bench_connector";

  /** The connector's JDBC URL: tagged, so that its backends can be found for their CPU time. */
  static String connectorJdbc() {
    return JDBC
        + (JDBC.contains("?") ? "&" : "?")
        + "ApplicationName="
        + APP
        + (runTuned ? "&" + TUNED_JDBC : "");
  }

  static String lastLine(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).contains("pfsync summary")) {
        return lines.get(i).trim();
      }
    }
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  /** /proc readers (Linux). */
  static final class Proc {
    static long hwmKb(long pid) {
      try {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
          if (l.startsWith("VmHWM:")) {
            return Long.parseLong(l.replaceAll("[^0-9]", ""));
          }
        }
      } catch (Exception gone) {
        // the process ended
      }
      return 0;
    }

    static final double TICK = 100.0; // USER_HZ

    /** utime+stime (and, with children, cutime+cstime) in seconds. */
    static double cpuSeconds(long pid, boolean children) {
      try {
        String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        double t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        if (children) {
          t += Long.parseLong(f[13]) + Long.parseLong(f[14]);
        }
        return t / TICK;
      } catch (Exception gone) {
        return 0;
      }
    }

    static double cpuSeconds(long pid) {
      return cpuSeconds(pid, false);
    }
  }

  /** CPU seconds used so far by the mock-api and by all PostgreSQL processes. */
  record Cpu(double api, double postgres) {
    static Cpu snapshot(long apiPid) {
      double pg = 0;
      for (ProcessHandle h : ProcessHandle.allProcesses().toList()) {
        String cmd = h.info().command().orElse("");
        if (!cmd.endsWith("/postgres")) {
          continue;
        }
        boolean postmaster =
            h.parent()
                .map(pp -> !pp.info().command().orElse("").endsWith("/postgres"))
                .orElse(true);
        // the postmaster's children times include every backend that has exited
        pg += Proc.cpuSeconds(h.pid(), postmaster);
      }
      return new Cpu(Proc.cpuSeconds(apiPid), pg);
    }
  }

  // ---- output ----

  static void add(String what, String pfsync, String baseline, String ratio, String target) {
    table.add(new String[] {what, pfsync, baseline, ratio, target});
  }

  static void print() {
    String[] head = {"benchmark", "pfsync", "baseline", "ratio", "target / note"};
    int[] w = new int[head.length];
    List<String[]> all = new ArrayList<>();
    all.add(head);
    all.addAll(table);
    for (String[] r : all) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    System.out.printf(
        "pfsync benchmark, %s, %d cores, %s RAM, load average %s -> %s, %s, page size %d,"
            + " connector -Xmx%s, prefetch %s%n",
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        Runtime.getRuntime().availableProcessors(),
        memTotal(),
        loadAtStart,
        load(),
        pgVersion,
        pageSize,
        connectorXmx,
        prefetch ? "on" : "off");
    for (String[] r : all) {
      StringBuilder b = new StringBuilder("| ");
      for (int i = 0; i < r.length; i++) {
        b.append(String.format("%-" + w[i] + "s | ", r[i]));
      }
      System.out.println(b.toString().stripTrailing());
      if (r == head) {
        StringBuilder sep = new StringBuilder("|");
        for (int x : w) {
          sep.append("-".repeat(x + 2)).append('|');
        }
        System.out.println(sep);
      }
    }
    notes.forEach(n -> System.out.println("note: " + n));
  }

  static String loadAtStart = "?";
  static String pgVersion = "?";

  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  static String memTotal() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (l.startsWith("MemTotal:")) {
          return (Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 / 1024) + " GiB";
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return "?";
  }

  static String rate(double r) {
    return fmt((long) r) + " rows/s";
  }

  static String ratio(double r) {
    return String.format(Locale.ROOT, "%.2f", r);
  }

  static String secs(double s) {
    return String.format(Locale.ROOT, "%.2f s", s);
  }

  static String mb(long kb) {
    return String.format(Locale.ROOT, "%d MB", kb / 1024);
  }

  static String fmt(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String env(String name, String def) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? def : v;
  }
}
