package dev.pfsync.connector.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pfsync.core.Column;
import dev.pfsync.core.ColumnType;
import dev.pfsync.core.TableBinding;
import dev.pfsync.postgres.PostgresDestination;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Compares a destination table with the mock API's {@code /admin/truth}: every declared column and
 * the tombstone mark, row for row, plus a checksum of each side. Used by the demo and the
 * end-to-end tests; it loads both sides in memory, so it is meant for test-sized datasets (a
 * million users is fine).
 */
public final class TruthComparer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_EXAMPLES = 5;

  private TruthComparer() {}

  /** Compares; {@code truthUrl} is the full URL of the truth endpoint for this table. */
  public static TruthComparison compare(
      URI truthUrl, TableBinding binding, Connection db, String schema) {
    Map<String, String> truth = truthRows(truthUrl, binding);
    Map<String, String> dest = destinationRows(db, schema, binding);
    long missing = 0;
    long different = 0;
    List<String> examples = new ArrayList<>();
    for (Map.Entry<String, String> e : truth.entrySet()) {
      String d = dest.get(e.getKey());
      if (d == null) {
        missing++;
        example(examples, "missing " + e.getValue());
      } else if (!d.equals(e.getValue())) {
        different++;
        example(examples, "source      " + e.getValue() + "\n    destination " + d);
      }
    }
    long extra = dest.keySet().stream().filter(k -> !truth.containsKey(k)).count();
    dest.keySet().stream()
        .filter(k -> !truth.containsKey(k))
        .limit(MAX_EXAMPLES)
        .forEach(k -> example(examples, "extra " + dest.get(k)));
    return new TruthComparison(
        binding.table(),
        truth.size(),
        dest.size(),
        missing,
        extra,
        different,
        checksum(truth),
        checksum(dest),
        examples);
  }

  private static void example(List<String> examples, String text) {
    if (examples.size() < MAX_EXAMPLES) {
      examples.add(text);
    }
  }

  private static Map<String, String> truthRows(URI url, TableBinding binding) {
    HttpClient http = HttpClient.newHttpClient();
    try {
      HttpResponse<java.io.InputStream> response =
          http.send(
              HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + url + " answered HTTP " + response.statusCode());
      }
      Map<String, String> rows = new TreeMap<>();
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode node = JSON.readTree(line);
          List<String> values = new ArrayList<>();
          for (Column c : binding.schema().columns()) {
            values.add(canonical(c.type(), node.get(c.name())));
          }
          boolean deleted = binding.deletedField().map(f -> node.hasNonNull(f)).orElse(false);
          values.add(Boolean.toString(deleted));
          rows.put(node.get(binding.keyField()).asText(), String.join("|", values));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading " + url, e);
    }
  }

  private static String canonical(ColumnType type, JsonNode v) {
    if (v == null || v.isNull()) {
      return "null";
    }
    if (type == ColumnType.UTC_DATETIME) {
      return v.isNumber()
          ? Instant.ofEpochMilli(v.asLong()).toString()
          : Instant.parse(v.asText()).toString();
    }
    return v.asText();
  }

  private static Map<String, String> destinationRows(
      Connection db, String schema, TableBinding binding) {
    List<Column> columns = binding.schema().columns();
    String select =
        columns.stream()
                .map(c -> PostgresDestination.quoted(PostgresDestination.columnName(c.name())))
                .collect(Collectors.joining(", "))
            + ", \"_pfsync_deleted\"";
    String sql =
        "SELECT "
            + select
            + " FROM "
            + PostgresDestination.quoted(schema)
            + "."
            + PostgresDestination.quoted(binding.table());
    Map<String, String> rows = new TreeMap<>();
    int keyIndex = columns.indexOf(binding.schema().column(binding.keyField()).orElseThrow());
    try (Statement st = db.createStatement()) {
      st.setFetchSize(10_000);
      try (ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) {
          List<String> values = new ArrayList<>();
          for (int i = 0; i < columns.size(); i++) {
            values.add(canonical(columns.get(i).type(), rs, i + 1));
          }
          values.add(Boolean.toString(rs.getBoolean(columns.size() + 1)));
          rows.put(values.get(keyIndex), String.join("|", values));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "reading " + schema + "." + binding.table() + ": " + e.getMessage(), e);
    }
    return rows;
  }

  private static String canonical(ColumnType type, ResultSet rs, int i) throws SQLException {
    if (type == ColumnType.UTC_DATETIME) {
      OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
      return t == null ? "null" : t.toInstant().toString();
    }
    String s = rs.getString(i);
    return s == null ? "null" : s;
  }

  private static String checksum(Map<String, String> rows) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String row : rows.values()) {
        sha.update(row.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
