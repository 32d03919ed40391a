package dev.pfsync.bench.destination;

import dev.pfsync.postgres.testing.TestDatabase;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * The baseline: a CSV loaded into {@code "schema".raw_copy} as fast as PostgreSQL takes it, with
 * {@code psql \copy} where psql is installed, else pgjdbc's CopyManager.
 */
final class RawCopy {
  private RawCopy() {}

  /** How the rows will be loaded: {@code psql \copy} or {@code CopyManager}. */
  static String how() {
    return psqlAvailable() ? "psql \\copy" : "CopyManager";
  }

  static void load(TestDatabase db, String schema, Path csv) throws Exception {
    if (psqlAvailable()) {
      psqlCopy(db, schema, csv);
    } else {
      managerCopy(db, schema, csv);
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
}
