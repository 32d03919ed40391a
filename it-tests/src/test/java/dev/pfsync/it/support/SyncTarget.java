package dev.pfsync.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pfsync.postgres.PostgresConfig;
import dev.pfsync.postgres.PostgresDestination;
import dev.pfsync.postgres.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where one test syncs to: a fresh schema and a fresh connector id in the test PostgreSQL ({@link
 * TestDatabase}: both removed when the JVM exits), with readers for what the connector wrote.
 *
 * @param db the test database
 * @param schema this test's schema (created by the destination on first open)
 * @param connectorId this test's connector id (state row and lock key)
 */
public record SyncTarget(TestDatabase db, String schema, String connectorId) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A new schema {@code <prefix>_<random>} and connector id {@code <prefix>-<random>}. */
  public static SyncTarget fresh(String prefix) {
    TestDatabase db = TestDatabase.get();
    return new SyncTarget(db, db.freshSchema(prefix), db.connectorId(prefix));
  }

  public PostgresConfig config() {
    return db.config(schema);
  }

  /** A new, unopened destination for this schema. */
  public PostgresDestination destination() {
    return new PostgresDestination(config());
  }

  /** The CLI flags that point the connector here: jdbc-url, db-user(, db-password), schema, id. */
  public List<String> flags() {
    List<String> f = new ArrayList<>();
    f.addAll(List.of("--jdbc-url", db.jdbcUrl(), "--db-user", db.user()));
    db.password().ifPresent(p -> f.addAll(List.of("--db-password", p)));
    f.addAll(List.of("--schema", schema, "--connector-id", connectorId));
    return f;
  }

  /** {@code command}, then {@link #flags()}, then {@code --api-url api}, then {@code extra}. */
  public String[] args(String command, MockApi api, String... extra) {
    return args(command, api.baseUrl(), extra);
  }

  /** {@code command}, then {@link #flags()}, then {@code --api-url apiUrl}, then {@code extra}. */
  public String[] args(String command, String apiUrl, String... extra) {
    List<String> a = new ArrayList<>();
    a.add(command);
    a.addAll(flags());
    a.addAll(List.of("--api-url", apiUrl));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  /** The stored state of this connector id ({@code _pfsync.state}), if any. */
  public Optional<JsonNode> state() {
    List<Map<String, Object>> rows =
        query("SELECT state::text AS s FROM _pfsync.state WHERE connector_id = ?", connectorId);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree((String) rows.get(0).get("s")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The state's entry for {@code table} ({@code tables.<table>}); fails if there is none. */
  public JsonNode tableState(String table) {
    JsonNode t = state().orElseThrow(() -> new AssertionError("no state")).path("tables");
    if (!t.has(table)) {
      throw new AssertionError("no state for table " + table + ": " + t);
    }
    return t.get(table);
  }

  /** {@code "schema"."table"}, quoted. */
  public String qualified(String table) {
    return PostgresDestination.quoted(schema) + "." + PostgresDestination.quoted(table);
  }

  /** Rows in {@code table}; with a {@code where} clause (SQL, may be empty) and its parameters. */
  public long count(String table, String where, Object... params) {
    String sql =
        "SELECT count(*) AS n FROM "
            + qualified(table)
            + (where.isBlank() ? "" : " WHERE " + where);
    return ((Number) query(sql, params).get(0).get("n")).longValue();
  }

  public long count(String table) {
    return count(table, "");
  }

  /** Every row of {@code table} as column name -> JDBC value, in key order of {@code orderBy}. */
  public List<Map<String, Object>> rows(String table, String orderBy) {
    return query("SELECT * FROM " + qualified(table) + " ORDER BY " + orderBy);
  }

  /** This connector id's rows of {@code _pfsync.runs}, oldest first. */
  public List<Map<String, Object>> runs() {
    return query("SELECT * FROM _pfsync.runs WHERE connector_id = ? ORDER BY id", connectorId);
  }

  /** Any query, rows as column label -> JDBC value. */
  public List<Map<String, Object>> query(String sql, Object... params) {
    try (Connection c = db.connect();
        PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            row.put(md.getColumnLabel(i), rs.getObject(i));
          }
          rows.add(row);
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
