package dev.pfsync.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.Checkpoint;
import dev.pfsync.core.Column;
import dev.pfsync.core.ColumnType;
import dev.pfsync.core.Row;
import dev.pfsync.core.TableChanges;
import dev.pfsync.core.TableSchema;
import dev.pfsync.postgres.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrickyValuesTest {
  private static final Instant AT = Instant.parse("2026-11-20T08:00:00.123456Z");
  private static final TableSchema ODD =
      new TableSchema(
          "select",
          List.of("a\"b"),
          List.of(
              new Column("a\"b", ColumnType.STRING),
              new Column("from", ColumnType.STRING),
              new Column("Mixed Case", ColumnType.STRING),
              new Column("at", ColumnType.UTC_DATETIME),
              new Column("i", ColumnType.INT),
              new Column("l", ColumnType.LONG),
              new Column("b", ColumnType.BOOLEAN),
              new Column("d", ColumnType.DOUBLE),
              new Column("dec", ColumnType.DECIMAL),
              new Column("day", ColumnType.NAIVE_DATE),
              new Column("local", ColumnType.NAIVE_DATETIME),
              new Column("doc", ColumnType.JSON),
              new Column("bin", ColumnType.BINARY)),
          "at");

  private final TestDatabase db = TestDatabase.get();
  private String schema;
  private PostgresDestination destination;

  @BeforeEach
  void setUp() {
    schema = db.freshSchema("tricky");
    destination = new PostgresDestination(db.config(schema));
    destination.open(db.connectorId("tricky"), List.of(ODD));
  }

  @AfterEach
  void tearDown() {
    destination.close();
  }

  private static Row row(String key, String text) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("a\"b", key);
    v.put("from", text);
    v.put("Mixed Case", text);
    v.put("at", AT);
    return new Row(v, false);
  }

  private Map<String, String> texts() throws Exception {
    Map<String, String> out = new HashMap<>();
    try (Connection c = db.connect();
        PreparedStatement st =
            c.prepareStatement("SELECT \"a\"\"b\", \"from\" FROM \"" + schema + "\".\"select\"");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
    }
    return out;
  }

  /** Whether checkpoints go through the streaming apply ({@code Streamed} subclass). */
  boolean streamed() {
    return false;
  }

  private void apply(Checkpoint checkpoint) {
    Users.apply(destination, checkpoint, streamed());
  }

  @Test
  void strings_with_copy_and_sql_special_characters_round_trip_exactly() throws Exception {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("quotes", "it's \"quoted\" ''");
    values.put("backslashes", "C:\\path\\n \\N \\\\ \\.");
    values.put("controls", "tab\there\nnew line\r\ncr\rend");
    values.put("emoji", "héllo 👋🏽 世界 \uD83D\uDE00");
    values.put("sql", "x'); DROP TABLE t; --");
    values.put("empty", "");
    values.put("lone-dot", "\\.");
    values.put("k\tey\n\\", "key with specials");
    List<Row> rows = values.entrySet().stream().map(e -> row(e.getKey(), e.getValue())).toList();

    apply(new Checkpoint(List.of(new TableChanges("select", rows)), "{}", List.of()));

    assertThat(texts()).isEqualTo(values);
    assertThat(
            Db.value(
                "SELECT \"mixed case\" FROM \""
                    + schema
                    + "\".\"select\" WHERE"
                    + " \"a\"\"b\" = 'sql'"))
        .isEqualTo("x'); DROP TABLE t; --");
  }

  @Test
  void nul_characters_are_stripped_from_text_values() throws Exception {
    apply(
        new Checkpoint(
            List.of(new TableChanges("select", List.of(row("nul", "a\0b\0\0c")))),
            "{}",
            List.of()));

    assertThat(texts()).containsExactly(Map.entry("nul", "abc"));
  }

  @Test
  void every_declared_type_round_trips() throws Exception {
    Map<String, Object> v = new LinkedHashMap<>(row("all", "x").values());
    v.put("i", Integer.MIN_VALUE);
    v.put("l", Long.MAX_VALUE);
    v.put("b", true);
    v.put("d", 1.0e300);
    v.put("dec", new BigDecimal("-12345678901234567890.000000000123"));
    v.put("day", LocalDate.of(2024, 2, 29));
    v.put("local", LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_456_000));
    v.put("doc", "{\"a\": [1, \"two\\\\\", {\"q\": \"\\\"x\\\"\"}], \"t\": \"tab\\t\"}");
    v.put("bin", new byte[] {0, 1, (byte) 0x5c, (byte) 0xff, '\t', '\n'});
    Map<String, Object> nan = new LinkedHashMap<>(row("nan", "y").values());
    nan.put("d", Double.NaN);
    Map<String, Object> nulls = new LinkedHashMap<>(row("nulls", null).values());

    apply(
        new Checkpoint(
            List.of(
                new TableChanges(
                    "select",
                    List.of(new Row(v, false), new Row(nan, false), new Row(nulls, true)))),
            "{}",
            List.of()));

    try (Connection c = db.connect();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT *, doc->'a'->2->>'q' AS q FROM \""
                    + schema
                    + "\".\"select\" WHERE \"a\"\"b\" = ?")) {
      st.setString(1, "all");
      try (ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getObject("at", OffsetDateTime.class).toInstant()).isEqualTo(AT);
        assertThat(rs.getInt("i")).isEqualTo(Integer.MIN_VALUE);
        assertThat(rs.getLong("l")).isEqualTo(Long.MAX_VALUE);
        assertThat(rs.getBoolean("b")).isTrue();
        assertThat(rs.getDouble("d")).isEqualTo(1.0e300);
        assertThat(rs.getBigDecimal("dec"))
            .isEqualTo(new BigDecimal("-12345678901234567890.000000000123"));
        assertThat(rs.getObject("day", LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(rs.getObject("local", LocalDateTime.class))
            .isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_456_000));
        assertThat(rs.getString("q")).isEqualTo("\"x\"");
        assertThat(rs.getBytes("bin")).containsExactly(0, 1, 0x5c, 0xff, '\t', '\n');
      }
      st.setString(1, "nan");
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        assertThat(rs.getDouble("d")).isNaN();
      }
      st.setString(1, "nulls");
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        assertThat(rs.getString("from")).isNull();
        assertThat(rs.getObject("bin")).isNull();
        assertThat(rs.getBoolean("_pfsync_deleted")).isTrue();
      }
    }
  }
}
