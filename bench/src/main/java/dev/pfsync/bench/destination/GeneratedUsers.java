package dev.pfsync.bench.destination;

import dev.pfsync.core.Row;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** Deterministic users-like rows (seed 42), about the size of the mock API's, and their CSV. */
final class GeneratedUsers {
  /** The fields of a row, in the order of the CSV. */
  static final List<String> FIELDS =
      List.of(
          "id",
          "name",
          "email",
          "address",
          "company",
          "job",
          "createdAt",
          "updatedAt",
          "deletedAt");

  private static final String[] FIRST = {"Ann", "Bob", "Carla", "Dmitri", "Eve", "Farid", "Gu"};
  private static final String[] LAST = {"Smith", "O'Neil", "Nguyen", "Garcia", "Kowalski", "Ito"};
  private static final String[] JOBS = {"Engineer", "Chief Data Officer", "Nurse", "Teacher"};
  private static final String[] STREETS = {"Main St", "Elm Avenue", "Rue de la Paix", "High Rd"};

  private GeneratedUsers() {}

  /** {@code n} rows with UUID ids over 30 days of {@code updatedAt}; 1 % are tombstones. */
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

  /** The rows as CSV for {@code COPY ... (FORMAT csv)}: {@link #FIELDS}, null as nothing. */
  static void writeCsv(List<Row> rows, Path csv) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      for (Row r : rows) {
        w.write(csvLine(r));
      }
    }
  }

  static String csvLine(Row r) {
    StringBuilder line = new StringBuilder();
    for (String f : FIELDS) {
      if (line.length() > 0) {
        line.append(',');
      }
      Object v = r.get(f);
      if (v != null) {
        line.append('"').append(v.toString().replace("\"", "\"\"")).append('"');
      }
    }
    return line.append('\n').toString();
  }
}
