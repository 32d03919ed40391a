package dev.pfsync.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.Checkpoint;
import dev.pfsync.core.DestinationException;
import dev.pfsync.core.Row;
import dev.pfsync.core.SyncMode;
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
  private PostgresDestination destination;

  @BeforeEach
  void setUp() {
    schema = db.freshSchema("keys");
    destination = new PostgresDestination(db.config(schema));
    destination.open(db.connectorId("keys"), List.of(Users.SCHEMA));
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

  @Test
  void keys_equal_only_once_nul_is_stripped_merge_into_one_row() {
    apply(Users.checkpoint("{\"n\":1}", Users.user("a", "Ann", Users.T0)));
    apply(
        Users.checkpoint(
            "{\"n\":2}",
            Users.user("a", "Ann 2", Users.T0.plusSeconds(1)),
            Users.user("a\u0000", "Ann 3", Users.T0.plusSeconds(2))));
    List<Map<String, Object>> rows =
        Db.query("SELECT id, name FROM \"" + schema + "\".\"user\" ORDER BY id");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("name")).isEqualTo("Ann 3");
  }

  @Test
  void a_source_field_named_like_an_internal_column_fails_clearly() {
    Map<String, Object> v = new LinkedHashMap<>(Users.user("b", "Bob", Users.T0).values());
    v.put("_pfsync_seq", 5L);
    assertThatThrownBy(() -> apply(Users.checkpoint("{\"n\":3}", new Row(v, false))))
        .isInstanceOf(DestinationException.class)
        .hasMessageContaining("_pfsync_seq");
  }

  @Test
  void two_fields_that_map_to_one_column_fail_clearly_in_one_row_or_across_rows() {
    Map<String, Object> camel = new LinkedHashMap<>(Users.user("c", "Cy", Users.T0).values());
    camel.put("nickName", "cy");
    Map<String, Object> snake = new LinkedHashMap<>(Users.user("d", "Di", Users.T0).values());
    snake.put("nick_name", "di");
    assertThatThrownBy(
            () ->
                apply(Users.checkpoint("{\"n\":4}", new Row(camel, false), new Row(snake, false))))
        .isInstanceOf(DestinationException.class)
        .hasMessageContaining("nickName and nick_name both map to column nick_name");

    Map<String, Object> both = new LinkedHashMap<>(camel);
    both.put("nick_name", "also");
    assertThatThrownBy(() -> apply(Users.checkpoint("{\"n\":5}", new Row(both, false))))
        .isInstanceOf(DestinationException.class)
        .hasMessageContaining("both map to column nick_name");
    assertThat(Db.query("SELECT id FROM \"" + schema + "\".\"user\"")).isEmpty();
  }
}
