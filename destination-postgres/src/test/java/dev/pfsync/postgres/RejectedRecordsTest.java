package dev.pfsync.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.Checkpoint;
import dev.pfsync.core.Column;
import dev.pfsync.core.ColumnType;
import dev.pfsync.core.Row;
import dev.pfsync.core.SyncMode;
import dev.pfsync.core.TableChanges;
import dev.pfsync.core.TableSchema;
import dev.pfsync.postgres.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One record PostgreSQL cannot hold as it is must not stop a sync: it is rejected alone, kept in
 * {@code _pfsync.rejected} with the checkpoint it came in, and counted; the rest of that checkpoint
 * and every later one commit.
 */
class RejectedRecordsTest {
  static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
  static final TableSchema ITEM =
      new TableSchema(
          "item",
          List.of("id"),
          List.of(
              new Column("id", ColumnType.STRING),
              new Column("name", ColumnType.STRING),
              new Column("createdAt", ColumnType.UTC_DATETIME),
              new Column("updatedAt", ColumnType.UTC_DATETIME),
              new Column("amount", ColumnType.DECIMAL),
              new Column("doc", ColumnType.JSON)),
          "updatedAt");

  /** A poison value: the field set on an otherwise good row, and what its rejection must say. */
  record Poison(
      String name, String field, Object value, String key, String reasonHas, String recordHas) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Poison> poisons() {
    BigDecimal huge = new BigDecimal("1e999999999");
    return Stream.of(
        new Poison("a key holding NUL", "id", "p\0x", "p\\u0000x", "NUL", "\"id\":\"p\\u0000x\""),
        new Poison(
            "a year-10000 timestamp in an ordinary column",
            "createdAt",
            Instant.parse("+10000-01-01T00:00:00Z"),
            "p",
            "outside the years 1 to 9999",
            "\"createdAt\":\"+10000-01-01T00:00:00Z\""),
        new Poison(
            "ID next to id",
            "ID",
            "P",
            "p",
            "fields id and ID both map to column id",
            "\"ID\":\"P\""),
        new Poison(
            "1e999999999 in a DECIMAL column",
            "amount",
            huge,
            "p",
            "1000000000 digits before the decimal point",
            "\"amount\":1E+999999999"),
        new Poison(
            "1e999999999 in an added column",
            "score",
            huge,
            "p",
            "1000000000 digits before the decimal point",
            "\"score\":1E+999999999"),
        new Poison(
            "a 64-byte field name",
            "x".repeat(64),
            1L,
            "p",
            "longer than 63 bytes",
            "\"" + "x".repeat(64) + "\":1"),
        new Poison("an empty field name", "", 1L, "p", "it is empty", "\"\":1"),
        new Poison(
            "a field named _pfsync_x",
            "_pfsync_x",
            1L,
            "p",
            "starts with _pfsync_",
            "\"_pfsync_x\":1"),
        new Poison(
            "a JSON value holding \\u0000",
            "doc",
            "{\"k\": \"a\\u0000b\"}",
            "p",
            "jsonb cannot hold",
            "\"doc\":{\"k\": \"a\\u0000b\"}"));
  }

  private final TestDatabase db = TestDatabase.get();
  String schema;
  String connector;
  PostgresDestination destination;

  @BeforeEach
  void setUp() {
    schema = db.freshSchema("rejected");
    connector = db.connectorId("rejected");
    destination = new PostgresDestination(db.config(schema));
    destination.open(connector, List.of(ITEM));
    destination.startRun(SyncMode.HISTORICAL);
  }

  @AfterEach
  void tearDown() {
    destination.close();
  }

  /** Whether checkpoints go through the streaming apply ({@code Streamed} subclass). */
  boolean streamed() {
    return false;
  }

  void apply(List<Row> rows, String state) {
    Users.apply(
        destination,
        new Checkpoint(List.of(new TableChanges("item", rows)), state, List.of()),
        streamed());
  }

  static Row item(String id, String name, Object... more) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", id);
    v.put("name", name);
    v.put("createdAt", T0.minusSeconds(86_400));
    v.put("updatedAt", T0);
    v.put("amount", new BigDecimal("1.50"));
    v.put("doc", "{\"k\": 1}");
    for (int i = 0; i < more.length; i += 2) {
      v.put((String) more[i], more[i + 1]);
    }
    return new Row(v, false);
  }

  static Row poisoned(Poison p) {
    return p.field().equals("id")
        ? item((String) p.value(), "P")
        : item("p", "P", p.field(), p.value());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("poisons")
  void a_poison_record_is_rejected_alone_and_its_checkpoint_and_later_ones_commit(Poison p) {
    apply(List.of(item("g1", "G1"), poisoned(p), item("g2", "G2")), state(1));

    assertRejectedAlone(p, 2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("poisons")
  void a_poison_record_is_rejected_alone_on_the_general_path_too(Poison p) {
    // A key repeated before the poison sends the batch down the staging-table path.
    apply(List.of(item("g1", "old"), item("g1", "G1"), poisoned(p), item("g2", "G2")), state(1));

    assertRejectedAlone(p, 3);
  }

  private void assertRejectedAlone(Poison p, long upserted) {
    assertThat(Db.query("SELECT id, name FROM \"" + schema + "\".item ORDER BY id"))
        .containsExactly(Map.of("id", "g1", "name", "G1"), Map.of("id", "g2", "name", "G2"));
    List<Map<String, Object>> rejected = rejected();
    assertThat(rejected).hasSize(1);
    Map<String, Object> r = rejected.get(0);
    assertThat(r)
        .containsEntry("table", "item")
        .containsEntry("key", p.key())
        .containsEntry("field", p.field())
        .containsEntry("this_run", true);
    assertThat((String) r.get("reason"))
        .startsWith("field " + p.field() + ": ")
        .contains(p.reasonHas());
    assertThat((String) r.get("record")).contains(p.recordHas()).doesNotContain("\0");
    assertThat(destination.readState(connector)).hasValue("{\"n\": 1}");
    assertThat(run())
        .containsEntry("rows_upserted", upserted)
        .containsEntry("rows_rejected", 1L)
        .containsEntry("rows_skipped", 1L);

    apply(List.of(item("g3", "G3")), state(2));

    assertThat(Db.count("SELECT count(*) FROM \"" + schema + "\".item")).isEqualTo(3);
    assertThat(destination.readState(connector)).hasValue("{\"n\": 2}");
    assertThat(rejected()).hasSize(1);
  }

  @Test
  void a_checkpoint_of_only_rejected_rows_still_moves_the_state() {
    apply(List.of(item(null, "no key"), item("a\0", "nul key")), state(1));

    assertThat(Db.count("SELECT count(*) FROM \"" + schema + "\".item")).isZero();
    assertThat(rejected()).extracting(r -> r.get("field")).containsExactly("id", "id");
    assertThat(destination.readState(connector)).hasValue("{\"n\": 1}");
  }

  List<Map<String, Object>> rejected() {
    return Db.query(
        "SELECT \"table\", key, field, reason, record,"
            + " run_id = (SELECT max(id) FROM _pfsync.runs WHERE connector_id = ?) AS this_run"
            + " FROM _pfsync.rejected WHERE connector_id = ? ORDER BY id",
        connector,
        connector);
  }

  Map<String, Object> run() {
    return Db.query(
            "SELECT rows_upserted, rows_deleted, rows_skipped, rows_rejected FROM _pfsync.runs"
                + " WHERE connector_id = ? ORDER BY id DESC LIMIT 1",
            connector)
        .get(0);
  }

  static String state(int n) {
    return "{\"n\": " + n + "}";
  }
}
