package dev.pfsync.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.Checkpoint;
import dev.pfsync.core.Column;
import dev.pfsync.core.ColumnType;
import dev.pfsync.core.DestinationException;
import dev.pfsync.core.Row;
import dev.pfsync.core.SyncMode;
import dev.pfsync.core.TableSchema;
import dev.pfsync.postgres.testing.TestDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys and field names that only collide inside PostgreSQL. */
class KeyEdgeCasesTest {
  private final TestDatabase db = TestDatabase.get();
  private String schema;
  private String connector;
  private PostgresDestination destination;

  @BeforeEach
  void setUp() {
    schema = db.freshSchema("keys");
    destination = new PostgresDestination(db.config(schema));
    connector = db.connectorId("keys");
    destination.open(connector, List.of(Users.SCHEMA));
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

  private void apply(Checkpoint checkpoint) {
    Users.apply(destination, checkpoint, streamed());
  }

  private List<Map<String, Object>> rejected() {
    return Db.query(
        "SELECT key, field, reason FROM _pfsync.rejected WHERE connector_id = ? ORDER BY id",
        connector);
  }

  @Test
  void a_key_holding_nul_is_rejected_rather_than_merged_into_the_row_without_it() {
    apply(Users.checkpoint("{\"n\":1}", Users.user("a", "Ann", Users.T0)));
    apply(
        Users.checkpoint(
            "{\"n\":2}",
            Users.user("a", "Ann 2", Users.T0.plusSeconds(1)),
            Users.user("a\u0000", "Ann 3", Users.T0.plusSeconds(2))));
    List<Map<String, Object>> rows =
        Db.query("SELECT id, name FROM \"" + schema + "\".\"user\" ORDER BY id");
    assertThat(rows).containsExactly(Map.of("id", "a", "name", "Ann 2"));
    assertThat(rejected()).hasSize(1);
    assertThat(rejected().get(0)).containsEntry("key", "a\\u0000").containsEntry("field", "id");
  }

  @Test
  void a_source_field_named_like_an_internal_column_is_rejected_naming_it() {
    Map<String, Object> v = new LinkedHashMap<>(Users.user("b", "Bob", Users.T0).values());
    v.put("_pfsync_seq", 5L);
    apply(Users.checkpoint("{\"n\":3}", new Row(v, false), Users.user("c", "Cy", Users.T0)));

    assertThat(Db.query("SELECT id FROM \"" + schema + "\".\"user\""))
        .containsExactly(Map.of("id", "c"));
    assertThat(rejected()).hasSize(1);
    assertThat((String) rejected().get(0).get("reason")).contains("_pfsync_seq");
  }

  @Test
  void two_fields_of_one_row_that_map_to_one_column_reject_it_but_rows_may_each_use_either() {
    Map<String, Object> camel = new LinkedHashMap<>(Users.user("c", "Cy", Users.T0).values());
    camel.put("nickName", "cy");
    Map<String, Object> snake = new LinkedHashMap<>(Users.user("d", "Di", Users.T0).values());
    snake.put("nick_name", "di");
    apply(Users.checkpoint("{\"n\":4}", new Row(camel, false), new Row(snake, false)));

    Map<String, Object> both = new LinkedHashMap<>(Users.user("e", "Ed", Users.T0).values());
    both.put("nickName", "ed");
    both.put("nick_name", "also");
    Map<String, Object> oneNull = new LinkedHashMap<>(Users.user("f", "Flo", Users.T0).values());
    oneNull.put("nickName", null);
    oneNull.put("nick_name", "flo");
    apply(Users.checkpoint("{\"n\":5}", new Row(both, false), new Row(oneNull, false)));

    assertThat(Db.query("SELECT id, nick_name FROM \"" + schema + "\".\"user\" ORDER BY id"))
        .containsExactly(
            Map.of("id", "c", "nick_name", "cy"),
            Map.of("id", "d", "nick_name", "di"),
            Map.of("id", "f", "nick_name", "flo"));
    assertThat(rejected())
        .containsExactly(
            Map.of(
                "key",
                "e",
                "field",
                "nick_name",
                "reason",
                "field nick_name: fields nickName and nick_name both map to column nick_name"));
  }

  @Test
  void a_declared_column_with_the_reserved_prefix_fails_open_naming_it() {
    TableSchema odd =
        new TableSchema(
            "odd",
            List.of("id"),
            List.of(new Column("id", ColumnType.STRING), new Column("_pfsync_x", ColumnType.LONG)),
            "id");
    try (PostgresDestination other = new PostgresDestination(db.config(schema))) {
      assertThatThrownBy(() -> other.open(db.connectorId("odd"), List.of(odd)))
          .isInstanceOf(DestinationException.class)
          .hasMessageContaining("_pfsync_x");
    }
  }
}
