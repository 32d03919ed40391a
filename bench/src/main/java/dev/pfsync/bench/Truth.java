package dev.pfsync.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the mock-api holds, read through the API: the baselines' CSV and the freshness target. */
final class Truth {
  /** The source's fields, in the order of {@link Psql#COLUMNS}. */
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

  private static final JsonFactory JSON = new JsonFactory();

  private Truth() {}

  /** Rows with {@code updatedAt >= since}, paged through {@code /v1/users} itself. */
  static long countSince(MockApiProcess api, Instant since) throws Exception {
    long n = 0;
    String from = since.toString();
    String after = null;
    while (true) {
      String query =
          "/v1/users?limit=10000&updated_since="
              + from
              + (after == null ? "" : "&after_id=" + after);
      PageScan page;
      try (InputStream in = api.get(query)) {
        page = PageScan.of(in);
      }
      n += page.rows();
      if (!page.hasMore()) {
        return n;
      }
      from = page.nextSince().orElse(from);
      after = page.nextAfter().orElse(after);
    }
  }

  /**
   * Writes {@code /admin/truth} as CSV to {@code csv} (id order, as served) and the same rows in
   * cursor order {@code (updatedAt, id)}, the order a sync inserts them, to {@code byCursorCsv};
   * returns the row count.
   */
  static long writeCsv(MockApiProcess api, Path csv, Path byCursorCsv) throws Exception {
    try (InputStream in = api.get("/admin/truth")) {
      return writeCsv(in, csv, byCursorCsv);
    }
  }

  static long writeCsv(InputStream ndjson, Path csv, Path byCursorCsv) throws IOException {
    long n = 0;
    List<String[]> byCursor = new ArrayList<>(); // {sort key, line}
    try (JsonParser p = JSON.createParser(ndjson);
        BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      Map<String, String> row = new HashMap<>();
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.START_OBJECT) {
          row.clear();
        } else if (t == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          row.put(name, p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText());
        } else if (t == JsonToken.END_OBJECT) {
          String line = csvLine(row);
          w.write(line);
          byCursor.add(new String[] {row.get("updatedAt") + " " + row.get("id"), line});
          n++;
        }
      }
    }
    byCursor.sort(Comparator.comparing((String[] r) -> r[0]));
    try (BufferedWriter w = Files.newBufferedWriter(byCursorCsv, StandardCharsets.UTF_8)) {
      for (String[] r : byCursor) {
        w.write(r[1]);
      }
    }
    return n;
  }

  /** One CSV line of {@link #FIELDS}: values quoted, quotes doubled, null as nothing. */
  static String csvLine(Map<String, String> row) {
    StringBuilder line = new StringBuilder(320);
    for (int i = 0; i < FIELDS.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      String v = row.get(FIELDS.get(i));
      if (v != null) {
        line.append('"').append(v.replace("\"", "\"\"")).append('"');
      }
    }
    return line.append('\n').toString();
  }
}
