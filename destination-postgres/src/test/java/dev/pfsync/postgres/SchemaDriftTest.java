package dev.pfsync.postgres;

import static dev.pfsync.postgres.Users.T0;
import static dev.pfsync.postgres.Users.state;
import static dev.pfsync.postgres.Users.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.Checkpoint;
import dev.pfsync.core.Column;
import dev.pfsync.core.ColumnType;
import dev.pfsync.core.DestinationException;
import dev.pfsync.core.Row;
import dev.pfsync.core.TableChanges;
import dev.pfsync.core.TableSchema;
import dev.pfsync.postgres.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaDriftTest {
  private final TestDatabase db = TestDatabase.get();
  private String schema;
  private String connector;
  private PostgresDestination destination;

  @BeforeEach
  void setUp() {
    schema = db.freshSchema("drift");
    connector = db.connectorId("drift");
    destination = new PostgresDestination(db.config(schema));
  }

  @AfterEach
  void tearDown() {
    destination.close();
  }

  private static Row withExtras(Row row, Map<String, Object> extras) {
    Map<String, Object> v = new LinkedHashMap<>(row.values());
    v.putAll(extras);
    return new Row(v, row.deleted());
  }

  private void apply(int n, Row... rows) {
    apply(new Checkpoint(List.of(new TableChanges("user", List.of(rows))), state(n), List.of()));
  }

  /** Whether checkpoints go through the streaming apply ({@code Streamed} subclass). */
  boolean streamed() {
    return false;
  }

  private void apply(Checkpoint checkpoint) {
    Users.apply(destination, checkpoint, streamed());
  }

  @Test
  void undeclared_fields_become_columns_of_the_inferred_type_and_keep_their_values() {
    destination.open(connector, List.of(Users.SCHEMA));
    Map<String, Object> extras = new LinkedHashMap<>();
    extras.put("loginCount", 42L);
    extras.put("score", 1.5);
    extras.put("vip", true);
    extras.put("balance", new BigDecimal("12.30"));
    extras.put("birthday", LocalDate.of(1990, 1, 2));
    extras.put("level", 3);
    extras.put("nickname", "annie");
    extras.put("alwaysNull", null);

    apply(1, withExtras(user("a", "Ann", T0), extras), user("b", "Bob", T0));

    assertThat(Db.columnTypes(schema, "user"))
        .containsEntry("login_count", "bigint")
        .containsEntry("score", "double precision")
        .containsEntry("vip", "boolean")
        .containsEntry("balance", "numeric")
        .containsEntry("birthday", "date")
        .containsEntry("level", "integer")
        .containsEntry("nickname", "text")
        .doesNotContainKey("always_null");
    assertThat(
            Db.query(
                "SELECT login_count, vip, balance::text AS balance, birthday::text AS birthday,"
                    + " nickname FROM \""
                    + schema
                    + "\".\"user\" ORDER BY id"))
        .containsExactly(
            Map.of(
                "login_count", 42L,
                "vip", true,
                "balance", "12.30",
                "birthday", "1990-01-02",
                "nickname", "annie"),
            nulls("login_count", "vip", "balance", "birthday", "nickname"));
  }

  private static Map<String, Object> nulls(String... keys) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String k : keys) {
      m.put(k, null);
    }
    return m;
  }

  @Test
  void a_new_field_in_a_later_checkpoint_is_added_and_reopen_knows_it() {
    destination.open(connector, List.of(Users.SCHEMA));
    apply(1, user("a", "Ann", T0));

    apply(2, withExtras(user("b", "Bob", T0), Map.of("team", "red")));
    destination.close();
    destination.open(connector, List.of(Users.SCHEMA));
    apply(3, withExtras(user("c", "Cid", T0), Map.of("team", "blue")));

    assertThat(Db.query("SELECT id, team FROM \"" + schema + "\".\"user\" ORDER BY id"))
        .extracting(r -> r.get("team"))
        .containsExactly(null, "red", "blue");
  }

  @Test
  void mixed_integer_widths_widen_to_bigint_and_other_mixes_to_text() {
    destination.open(connector, List.of(Users.SCHEMA));

    apply(
        1,
        withExtras(user("a", "A", T0), Map.of("n", 1, "mixed", 5L)),
        withExtras(user("b", "B", T0), Map.of("n", 3_000_000_000L, "mixed", "five")));

    assertThat(Db.columnTypes(schema, "user"))
        .containsEntry("n", "bigint")
        .containsEntry("mixed", "text");
  }

  @Test
  void a_declared_column_missing_from_an_existing_table_is_added() {
    destination.open(connector, List.of(Users.SCHEMA));
    apply(1, user("a", "Ann", T0));
    destination.close();
    List<Column> more = new ArrayList<>(Users.SCHEMA.columns());
    more.add(new Column("rank", ColumnType.INT));
    TableSchema evolved = new TableSchema("user", List.of("id"), more, "updatedAt");

    destination.open(connector, List.of(evolved));

    assertThat(Db.columnTypes(schema, "user")).containsEntry("rank", "integer");
    assertThat(Db.count("SELECT count(*) FROM \"" + schema + "\".\"user\"")).isEqualTo(1);
  }

  @Test
  void a_declared_type_that_conflicts_with_the_existing_column_fails_naming_it() {
    destination.open(connector, List.of(Users.SCHEMA));
    destination.close();
    List<Column> changed = new ArrayList<>(Users.SCHEMA.columns());
    changed.set(4, new Column("company", ColumnType.LONG));
    TableSchema conflicting = new TableSchema("user", List.of("id"), changed, "updatedAt");

    assertThatThrownBy(() -> destination.open(connector, List.of(conflicting)))
        .isInstanceOf(DestinationException.class)
        .hasMessageContaining("column " + schema + ".user.company has type text")
        .hasMessageContaining("LONG (bigint)");
    // The failed open released the lock: another open succeeds.
    destination.open(connector, List.of(Users.SCHEMA));
  }

  @Test
  void a_value_that_does_not_fit_an_added_column_widens_it_instead_of_blocking_the_sync() {
    destination.open(connector, List.of(Users.SCHEMA));
    apply(1, withExtras(user("a", "A", T0), Map.of("age", 30L)));
    apply(2, withExtras(user("b", "B", T0), Map.of("age", "old")));

    assertThat(
            Db.query("SELECT age FROM \"" + schema + "\".\"user\" ORDER BY id").stream()
                .map(r -> r.get("age"))
                .toList())
        .containsExactly("30", "old");
  }

  @Test
  void a_field_of_an_unsupported_java_type_fails_instead_of_being_dropped() {
    destination.open(connector, List.of(Users.SCHEMA));

    assertThatThrownBy(() -> apply(1, withExtras(user("a", "A", T0), Map.of("tags", List.of("x")))))
        .isInstanceOf(DestinationException.class)
        .hasMessageContaining("field tags");
  }

  @Test
  void a_rolled_back_column_addition_is_redone_by_the_next_checkpoint() {
    destination.open(connector, List.of(Users.SCHEMA));

    assertThatThrownBy(
        () ->
            apply(
                new Checkpoint(
                    List.of(
                        new TableChanges(
                            "user", List.of(withExtras(user("a", "A", T0), Map.of("x", 1L))))),
                    "not json",
                    List.of())));
    assertThat(Db.columnTypes(schema, "user")).doesNotContainKey("x");

    apply(2, withExtras(user("a", "A", T0), Map.of("x", 1L)));
    assertThat(Db.value("SELECT x FROM \"" + schema + "\".\"user\"")).isEqualTo(1L);
  }
}
