package dev.pfsync.connector.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pfsync.core.Column;
import dev.pfsync.core.ColumnType;
import dev.pfsync.core.TableBinding;
import dev.pfsync.postgres.PostgresDestination;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Compares a destination table with the mock API's {@code /admin/truth}: every declared column and
 * the tombstone mark, row for row, plus a SHA-256 checksum of each side.
 *
 * <p>Both sides are streamed in key order and merged, so memory stays flat whatever the size: the
 * truth comes ordered by key, the table is read with the same order ({@code COLLATE "C"} for text
 * keys, which is Java's order for the ASCII ids; numeric order for integer keys).
 */
public final class TruthComparer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_EXAMPLES = 5;

  private TruthComparer() {}

  /** Compares; {@code truthUrl} is the full URL of the truth endpoint for this table. */
  public static TruthComparison compare(
      URI truthUrl, TableBinding binding, Connection db, String schema) {
    Comparator<String> keyOrder = keyOrder(binding);
    try (TruthRows truth = TruthRows.open(truthUrl, binding);
        TableRows dest = TableRows.open(db, schema, binding)) {
      Tally tally = new Tally();
      CanonicalRow t = truth.next();
      CanonicalRow d = dest.next();
      while (t != null || d != null) {
        int cmp = t == null ? 1 : d == null ? -1 : keyOrder.compare(t.key(), d.key());
        if (cmp < 0) {
          tally.missing(t);
          t = truth.next();
        } else if (cmp > 0) {
          tally.extra(d);
          d = dest.next();
        } else {
          tally.both(t, d);
          t = truth.next();
          d = dest.next();
        }
      }
      return tally.result(binding.table());
    }
  }

  private static Comparator<String> keyOrder(TableBinding binding) {
    return switch (binding.keyType()) {
      case INT, LONG -> Comparator.comparingLong(Long::parseLong);
      default -> Comparator.naturalOrder();
    };
  }

  /** One row as comparable text: the key and all values joined. */
  private record CanonicalRow(String key, String text) {}

  /** Counts and checksums while merging. */
  private static final class Tally {
    private final MessageDigest truthSha = sha256();
    private final MessageDigest destSha = sha256();
    private final List<String> examples = new ArrayList<>();
    private long truthRows;
    private long destRows;
    private long missing;
    private long extra;
    private long different;

    void missing(CanonicalRow t) {
      add(truthSha, t);
      truthRows++;
      missing++;
      example("missing " + t.text());
    }

    void extra(CanonicalRow d) {
      add(destSha, d);
      destRows++;
      extra++;
      example("extra " + d.text());
    }

    void both(CanonicalRow t, CanonicalRow d) {
      add(truthSha, t);
      add(destSha, d);
      truthRows++;
      destRows++;
      if (!t.text().equals(d.text())) {
        different++;
        example("source      " + t.text() + "\n    destination " + d.text());
      }
    }

    TruthComparison result(String table) {
      HexFormat hex = HexFormat.of();
      return new TruthComparison(
          table,
          truthRows,
          destRows,
          missing,
          extra,
          different,
          hex.formatHex(truthSha.digest()),
          hex.formatHex(destSha.digest()),
          examples);
    }

    private void example(String text) {
      if (examples.size() < MAX_EXAMPLES) {
        examples.add(text);
      }
    }

    private static void add(MessageDigest sha, CanonicalRow row) {
      sha.update(row.text().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
    }

    private static MessageDigest sha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The truth endpoint's NDJSON, one canonical row per line. */
  private static final class TruthRows implements AutoCloseable {
    private final BufferedReader in;
    private final TableBinding binding;
    private final URI url;

    private TruthRows(BufferedReader in, TableBinding binding, URI url) {
      this.in = in;
      this.binding = binding;
      this.url = url;
    }

    static TruthRows open(URI url, TableBinding binding) {
      try {
        HttpResponse<InputStream> response =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(url).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
          response.body().close();
          throw new IllegalStateException("GET " + url + " answered HTTP " + response.statusCode());
        }
        return new TruthRows(
            new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8)),
            binding,
            url);
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + url, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted reading " + url, e);
      }
    }

    CanonicalRow next() {
      try {
        String line;
        do {
          line = in.readLine();
          if (line == null) {
            return null;
          }
        } while (line.isBlank());
        JsonNode node = JSON.readTree(line);
        List<String> values = new ArrayList<>();
        for (Column c : binding.schema().columns()) {
          values.add(canonical(c.type(), node.get(c.name())));
        }
        values.add(Boolean.toString(binding.deletedField().map(node::hasNonNull).orElse(false)));
        return new CanonicalRow(node.get(binding.keyField()).asText(), String.join("|", values));
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + url, e);
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

    @Override
    public void close() {
      try {
        in.close();
      } catch (IOException ignored) {
        // The comparison is over; nothing to recover.
      }
    }
  }

  /** The destination table in key order, one canonical row at a time. */
  private static final class TableRows implements AutoCloseable {
    private final Statement statement;
    private final ResultSet rs;
    private final List<Column> columns;
    private final int keyIndex;
    private final boolean autoCommit;
    private final Connection db;

    private TableRows(
        Connection db, boolean autoCommit, Statement statement, ResultSet rs, TableBinding b) {
      this.db = db;
      this.autoCommit = autoCommit;
      this.statement = statement;
      this.rs = rs;
      this.columns = b.schema().columns();
      this.keyIndex = columns.indexOf(b.schema().column(b.keyField()).orElseThrow());
    }

    static TableRows open(Connection db, String schema, TableBinding binding) {
      List<Column> columns = binding.schema().columns();
      String key = PostgresDestination.quoted(PostgresDestination.columnName(binding.keyField()));
      String sql =
          "SELECT "
              + columns.stream()
                  .map(c -> PostgresDestination.quoted(PostgresDestination.columnName(c.name())))
                  .collect(Collectors.joining(", "))
              + ", \"_pfsync_deleted\" FROM "
              + PostgresDestination.quoted(schema)
              + "."
              + PostgresDestination.quoted(PostgresDestination.columnName(binding.table()))
              + " ORDER BY "
              + key
              + (binding.keyType() == ColumnType.STRING ? " COLLATE \"C\"" : "");
      try {
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false); // a cursor, so the table streams instead of loading whole
        Statement st = db.createStatement();
        st.setFetchSize(5_000);
        return new TableRows(db, autoCommit, st, st.executeQuery(sql), binding);
      } catch (SQLException e) {
        throw new IllegalStateException(
            "reading " + schema + "." + binding.table() + ": " + e.getMessage(), e);
      }
    }

    CanonicalRow next() {
      try {
        if (!rs.next()) {
          return null;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
          values.add(canonical(columns.get(i).type(), rs, i + 1));
        }
        values.add(Boolean.toString(rs.getBoolean(columns.size() + 1)));
        return new CanonicalRow(values.get(keyIndex), String.join("|", values));
      } catch (SQLException e) {
        throw new IllegalStateException("reading the destination: " + e.getMessage(), e);
      }
    }

    private static String canonical(ColumnType type, ResultSet rs, int i) throws SQLException {
      if (type == ColumnType.UTC_DATETIME) {
        OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
        return t == null ? "null" : t.toInstant().toString();
      }
      String s = rs.getString(i);
      return s == null ? "null" : s;
    }

    @Override
    public void close() {
      try {
        rs.close();
        statement.close();
        db.rollback();
        db.setAutoCommit(autoCommit);
      } catch (SQLException ignored) {
        // Read-only work; nothing to undo.
      }
    }
  }
}
