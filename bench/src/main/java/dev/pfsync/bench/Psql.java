package dev.pfsync.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The baselines: what {@code psql} does with the same rows, timed in the same run as the syncs.
 * Each load goes into {@code pfsync_bench_base.copy_target}, a table {@code LIKE} the synced one
 * (same columns, defaults and primary key).
 */
final class Psql {
  /** The baselines' {@code application_name}, to find their backends. */
  static final String APP = "pfsync_bench_psql";

  /** The source's columns, in the order of the truth CSV. */
  static final String COLUMNS =
      "id, name, email, address, company, job, created_at, updated_at, deleted_at";

  private static final String TARGET = Database.BASE + ".copy_target";

  private final Database db;
  private final Path work;

  Psql(Database db, Path work) {
    this.db = db;
    this.work = work;
  }

  /** The wall time of one psql script, and the CPU time of its backend. */
  record Timing(double seconds, double backendCpuSeconds) {}

  /** {@code \copy} of the CSV into an empty table, after a CHECKPOINT. */
  Timing copy(Path csv) throws Exception {
    db.sql(
        "DROP SCHEMA IF EXISTS "
            + Database.BASE
            + " CASCADE; CREATE SCHEMA "
            + Database.BASE
            + "; CREATE TABLE "
            + TARGET
            + " (LIKE "
            + Database.SCHEMA
            + ".\"user\" INCLUDING ALL); CHECKPOINT;");
    return run("\\copy " + TARGET + " (" + COLUMNS + ") FROM '" + csv + "' WITH (FORMAT csv)\n");
  }

  /**
   * COPY into an unlogged staging table, then an upsert into the table the last {@link #copy}
   * filled (every row conflicts), newer versions winning: the re-sync's baseline.
   */
  Timing merge(Path csv) throws Exception {
    db.sql("CHECKPOINT;");
    return run(mergeScript(csv));
  }

  static String mergeScript(Path csv) {
    StringBuilder set = new StringBuilder();
    for (String c : COLUMNS.split(", ")) {
      if (!c.equals("id")) {
        set.append(set.length() == 0 ? "" : ", ").append(c).append(" = EXCLUDED.").append(c);
      }
    }
    String stage = Database.BASE + ".stage";
    return "CREATE UNLOGGED TABLE "
        + stage
        + " (LIKE "
        + TARGET
        + " INCLUDING DEFAULTS);\n"
        + "\\copy "
        + stage
        + " ("
        + COLUMNS
        + ") FROM '"
        + csv
        + "' WITH (FORMAT csv)\n"
        + "INSERT INTO "
        + TARGET
        + " ("
        + COLUMNS
        + ") SELECT "
        + COLUMNS
        + " FROM "
        + stage
        + " ON CONFLICT (id) DO UPDATE SET "
        + set
        + ", _pfsync_synced_at = now() WHERE copy_target.updated_at <= EXCLUDED.updated_at;\n";
  }

  private Timing run(String script) throws Exception {
    Path file = work.resolve("psql.sql");
    Files.writeString(file, script);
    Path log = work.resolve("psql.log");
    ProcessBuilder pb =
        new ProcessBuilder(
            "psql",
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            db.host(),
            "-p",
            db.port(),
            "-U",
            db.user(),
            "-d",
            db.database(),
            "-f",
            file.toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().put("PGAPPNAME", APP);
    long t0 = System.nanoTime();
    Process proc = pb.start();
    double backendCpu = Backends.whileAlive(db, proc, APP);
    int rc = proc.waitFor();
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (rc != 0) {
      throw new IllegalStateException("psql failed: " + Files.readString(log));
    }
    return new Timing(seconds, backendCpu);
  }
}
