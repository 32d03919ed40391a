package dev.pfsync.bench.destination;

import dev.pfsync.core.Checkpoint;
import dev.pfsync.core.Row;
import dev.pfsync.core.RunStatus;
import dev.pfsync.core.SyncMode;
import dev.pfsync.core.TableChanges;
import dev.pfsync.postgres.PostgresDestination;
import dev.pfsync.postgres.Users;
import dev.pfsync.postgres.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Times {@link PostgresDestination} against a raw COPY of the same rows; run by {@code
 * ./bench/destination.sh [rows]} from the repository root. The database is the tests' ({@link
 * TestDatabase}): {@code PFSYNC_TEST_JDBC_URL}, else Docker, else the local server.
 */
public final class DestinationBench {
  private static final int BATCH = 1_000;

  private DestinationBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    TestDatabase db = TestDatabase.get();
    String schema = db.freshSchema("bench");
    List<Row> rows = GeneratedUsers.generate(n);
    System.out.printf(Locale.ROOT, "rows=%d batch=%d db=%s%n", n, BATCH, db.jdbcUrl());

    // Each way into its own table: apply(Checkpoint) (a page in memory, COPY text) and the
    // streamed apply the sync engine uses (rows handed over one by one, binary COPY).
    double[][] rates = new double[2][];
    for (int way = 0; way < 2; way++) {
      boolean streamed = way == 1;
      String wayName = wayName(streamed);
      String waySchema = streamed ? db.freshSchema("bench") : schema;
      try (PostgresDestination d = new PostgresDestination(db.config(waySchema))) {
        d.open(db.connectorId("bench"), List.of(Users.SCHEMA));
        d.startRun(SyncMode.HISTORICAL);
        double empty = applyAll(d, rows, streamed);
        System.out.printf(Locale.ROOT, "%s, empty table: %,.0f rows/s%n", wayName, empty);
        double conflict = applyAll(d, rows, streamed);
        System.out.printf(Locale.ROOT, "%s, all conflict: %,.0f rows/s%n", wayName, conflict);
        d.finishRun(RunStatus.SUCCEEDED, Optional.empty());
        rates[way] = new double[] {empty, conflict};
      } finally {
        if (streamed) {
          db.execute("DROP SCHEMA \"" + waySchema + "\" CASCADE");
        }
      }
    }

    Path csv = Files.createTempFile("pfsync-bench", ".csv");
    try {
      GeneratedUsers.writeCsv(rows, csv);
      db.execute(
          "CREATE TABLE \""
              + schema
              + "\".raw_copy (id text PRIMARY KEY, name text, email text,"
              + " address text, company text, job text, created_at timestamptz,"
              + " updated_at timestamptz, deleted_at timestamptz)");
      String how = RawCopy.how();
      long start = System.nanoTime();
      RawCopy.load(db, schema, csv);
      double raw = n / ((System.nanoTime() - start) / 1e9);
      System.out.printf(Locale.ROOT, "raw COPY (%s), empty table: %,.0f rows/s%n", how, raw);
      for (int way = 0; way < 2; way++) {
        System.out.printf(
            Locale.ROOT,
            "ratio %s/raw: empty %.2f, all-conflict %.2f (target empty >= 0.5)%n",
            wayName(way == 1),
            rates[way][0] / raw,
            rates[way][1] / raw);
      }
    } finally {
      Files.deleteIfExists(csv);
      db.execute("DROP SCHEMA \"" + schema + "\" CASCADE");
    }
  }

  private static String wayName(boolean streamed) {
    return streamed ? "streamed apply" : "apply(Checkpoint)";
  }

  /** All rows in checkpoints of {@link #BATCH}, each with a state; returns rows/s. */
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
}
