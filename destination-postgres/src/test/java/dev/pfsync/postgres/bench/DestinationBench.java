package dev.pfsync.postgres.bench;

import dev.pfsync.core.Checkpoint;
import dev.pfsync.core.Row;
import dev.pfsync.core.SyncMode;
import dev.pfsync.core.TableChanges;
import dev.pfsync.postgres.PostgresConfig;
import dev.pfsync.postgres.PostgresDestination;
import dev.pfsync.postgres.Users;
import dev.pfsync.postgres.testing.TestDatabase;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * Not a test: times PostgresDestination against a raw COPY of the same rows. Run with {@code
 * ./bench/destination.sh [rows]} from the repository root.
 */
public final class DestinationBench {
  private static final int BATCH = 1_000;
  private static final String[] FIRST = {"Ann", "Bob", "Carla", "Dmitri", "Eve", "Farid", "Gu"};
  private static final String[] LAST = {"Smith", "O'Neil", "Nguyen", "Garcia", "Kowalski", "Ito"};
  private static final String[] JOBS = {"Engineer", "Chief Data Officer", "Nurse", "Teacher"};
  private static final String[] STREETS = {"Main St", "Elm Avenue", "Rue de la Paix", "High Rd"};

  private DestinationBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    TestDatabase db = TestDatabase.get();
    String schema = db.freshSchema("bench");
    List<Row> rows = generate(n);
    PostgresConfig config = db.config(schema);
    System.out.printf(Locale.ROOT, "rows=%d batch=%d db=%s%n", n, BATCH, db.jdbcUrl());

    // Each way into its own table: apply(Checkpoint) (a page in memory, COPY text) and the
    // streamed apply the sync engine uses (rows handed over one by one, binary COPY).
    double[][] rates = new double[2][];
    for (int way = 0; way < 2; way++) {
      boolean streamed = way == 1;
      String wayName = streamed ? "streamed apply" : "apply(Checkpoint)";
      String waySchema = streamed ? db.freshSchema("bench") : schema;
      try (PostgresDestination d = new PostgresDestination(db.config(waySchema))) {
        d.open(db.connectorId("bench"), List.of(Users.SCHEMA));
        d.startRun(SyncMode.HISTORICAL);
        double empty = applyAll(d, rows, streamed);
        System.out.printf(Locale.ROOT, "%s, empty table: %,.0f rows/s%n", wayName, empty);
        double conflict = applyAll(d, rows, streamed);
        System.out.printf(Locale.ROOT, "%s, all conflict: %,.0f rows/s%n", wayName, conflict);
        d.finishRun(dev.pfsync.core.RunStatus.SUCCEEDED, java.util.Optional.empty());
        rates[way] = new double[] {empty, conflict};
      } finally {
        if (streamed) {
          db.execute("DROP SCHEMA \"" + waySchema + "\" CASCADE");
        }
      }
    }

    Path csv = Files.createTempFile("pfsync-bench", ".csv");
    try {
      writeCsv(rows, csv);
      db.execute(
          "CREATE TABLE \""
              + schema
              + "\".raw_copy (id text PRIMARY KEY, name text, email text,"
              + " address text, company text, job text, created_at timestamptz,"
              + " updated_at timestamptz, deleted_at timestamptz)");
      String how = psqlAvailable() ? "psql \\copy" : "CopyManager";
      long start = System.nanoTime();
      if (psqlAvailable()) {
        psqlCopy(db, schema, csv);
      } else {
        managerCopy(db, schema, csv);
      }
      double raw = n / ((System.nanoTime() - start) / 1e9);
      System.out.printf(Locale.ROOT, "raw COPY (%s), empty table: %,.0f rows/s%n", how, raw);
      for (int way = 0; way < 2; way++) {
        System.out.printf(
            Locale.ROOT,
            "ratio %s/raw: empty %.2f, all-conflict %.2f (target empty >= 0.5)%n",
            way == 1 ? "streamed apply" : "apply(Checkpoint)",
            rates[way][0] / raw,
            rates[way][1] / raw);
      }
    } finally {
      Files.deleteIfExists(csv);
      db.execute("DROP SCHEMA \"" + schema + "\" CASCADE");
    }
  }

  private static double applyAll(PostgresDestination d, List<Row> rows, boolean streamed) {
    long start = System.nanoTime();
    for (int i = 0; i < rows.size(); i += BATCH) {
      List<Row> page = rows.subList(i, Math.min(rows.size(), i + BATCH));
      String state =
          "{\"version\": 1, \"tables\": {\"user\": {\"rows\": " + (i + page.size()) + "}}}";
      Users.apply(
          d, new Checkpoint(List.of(new TableChanges("user", page)), state, List.of()), streamed);
    }
    return rows.size() / ((System.nanoTime() - start) / 1e9);
  }

  /** Deterministic users-like rows (seeded), about the size of the mock API's. */
  static List<Row> generate(int n) {
    Random random = new Random(42);
    Instant now = Instant.parse("2026-11-20T08:00:00Z");
    List<Row> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String first = FIRST[random.nextInt(FIRST.length)];
      String last = LAST[random.nextInt(LAST.length)];
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("id", new java.util.UUID(random.nextLong(), random.nextLong()).toString());
      v.put("name", first + " " + last);
      v.put("email", first.toLowerCase(Locale.ROOT) + "." + i + "@example.com");
      v.put(
          "address",
          (1 + random.nextInt(9999)) + " " + STREETS[random.nextInt(4)] + ", Springfield");
      v.put("company", last + " & Sons Ltd");
      v.put("job", JOBS[random.nextInt(JOBS.length)]);
      Instant updated = now.minusSeconds(random.nextInt(30 * 86_400));
      v.put("createdAt", updated.minusSeconds(random.nextInt(86_400 * 365)));
      v.put("updatedAt", updated);
      boolean deleted = random.nextInt(100) == 0;
      v.put("deletedAt", deleted ? updated : null);
      out.add(new Row(v, deleted));
    }
    return out;
  }

  private static void writeCsv(List<Row> rows, Path csv) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      for (Row r : rows) {
        StringBuilder line = new StringBuilder();
        for (String f :
            List.of(
                "id",
                "name",
                "email",
                "address",
                "company",
                "job",
                "createdAt",
                "updatedAt",
                "deletedAt")) {
          if (line.length() > 0) {
            line.append(',');
          }
          Object v = r.get(f);
          if (v != null) {
            line.append('"').append(v.toString().replace("\"", "\"\"")).append('"');
          }
        }
        w.write(line.append('\n').toString());
      }
    }
  }

  private static boolean psqlAvailable() {
    try {
      return new ProcessBuilder("psql", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static void psqlCopy(TestDatabase db, String schema, Path csv) throws Exception {
    Matcher m =
        Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*").matcher(db.jdbcUrl());
    if (!m.matches()) {
      throw new IllegalStateException("cannot read host/port/database of " + db.jdbcUrl());
    }
    ProcessBuilder pb =
        new ProcessBuilder(
            "psql",
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            m.group(1),
            "-p",
            m.group(2) == null ? "5432" : m.group(2),
            "-U",
            db.user(),
            "-d",
            m.group(3),
            "-c",
            "\\copy \"" + schema + "\".raw_copy FROM '" + csv + "' WITH (FORMAT csv)");
    db.password().ifPresent(p -> pb.environment().put("PGPASSWORD", p));
    pb.inheritIO();
    int exit = pb.start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException("psql exited " + exit);
    }
  }

  private static void managerCopy(TestDatabase db, String schema, Path csv)
      throws SQLException, IOException {
    try (Connection c = db.connect();
        Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      c.unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn("COPY \"" + schema + "\".raw_copy FROM STDIN WITH (FORMAT csv)", r);
    }
  }

  @SuppressWarnings("unused")
  private static void vacuum(TestDatabase db) throws SQLException {
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      st.execute("CHECKPOINT");
    }
  }
}
