package dev.pfsync.postgres;

import static dev.pfsync.postgres.Users.T0;
import static dev.pfsync.postgres.Users.checkpoint;
import static dev.pfsync.postgres.Users.state;
import static dev.pfsync.postgres.Users.tombstone;
import static dev.pfsync.postgres.Users.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.Checkpoint;
import dev.pfsync.core.Column;
import dev.pfsync.core.ColumnType;
import dev.pfsync.core.ConfigurationException;
import dev.pfsync.core.DestinationException;
import dev.pfsync.core.Row;
import dev.pfsync.core.RunStatus;
import dev.pfsync.core.SyncMode;
import dev.pfsync.core.TableChanges;
import dev.pfsync.core.TableSchema;
import dev.pfsync.postgres.testing.TestDatabase;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresDestinationTest {
  private final TestDatabase db = TestDatabase.get();
  private String schema;
  private String connector;
  private PostgresDestination destination;

  @BeforeEach
  void setUp() {
    schema = db.freshSchema("pgdest");
    connector = db.connectorId("users");
    destination = new PostgresDestination(db.config(schema));
  }

  @AfterEach
  void tearDown() {
    destination.close();
  }

  private List<Map<String, Object>> users() {
    return Db.query(
        "SELECT id, name, updated_at, _pfsync_deleted FROM \""
            + schema
            + "\".\"user\" ORDER BY id");
  }

  private static Timestamp ts(java.time.Instant i) {
    return Timestamp.from(i);
  }

  /** Whether checkpoints go through the streaming apply ({@code Streamed} subclass). */
  boolean streamed() {
    return false;
  }

  private void apply(Checkpoint checkpoint) {
    Users.apply(destination, checkpoint, streamed());
  }

  @Test
  void creates_quoted_snake_case_tables_with_every_declared_type() {
    TableSchema order =
        new TableSchema(
            "Order",
            List.of("orderId", "lineNo"),
            List.of(
                new Column("orderId", ColumnType.LONG),
                new Column("lineNo", ColumnType.INT),
                new Column("UserName", ColumnType.STRING),
                new Column("modifiedAt", ColumnType.UTC_DATETIME),
                new Column("paid", ColumnType.BOOLEAN),
                new Column("ratio", ColumnType.DOUBLE),
                new Column("amount", ColumnType.DECIMAL),
                new Column("day", ColumnType.NAIVE_DATE),
                new Column("localTime", ColumnType.NAIVE_DATETIME),
                new Column("payload", ColumnType.JSON),
                new Column("blob", ColumnType.BINARY),
                new Column("order_id_legacy", ColumnType.STRING)),
            "modifiedAt");

    destination.open(connector, List.of(Users.SCHEMA, order));

    assertThat(Db.columnTypes(schema, "order"))
        .containsExactly(
            Map.entry("order_id", "bigint"),
            Map.entry("line_no", "integer"),
            Map.entry("user_name", "text"),
            Map.entry("modified_at", "timestamp with time zone"),
            Map.entry("paid", "boolean"),
            Map.entry("ratio", "double precision"),
            Map.entry("amount", "numeric"),
            Map.entry("day", "date"),
            Map.entry("local_time", "timestamp without time zone"),
            Map.entry("payload", "jsonb"),
            Map.entry("blob", "bytea"),
            Map.entry("order_id_legacy", "text"),
            Map.entry("_pfsync_synced_at", "timestamp with time zone"),
            Map.entry("_pfsync_deleted", "boolean"));
    assertThat(Db.columnTypes(schema, "user")).containsKeys("id", "created_at", "deleted_at");
    assertThat(
            Db.value(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'p'"
                    + " AND conrelid = (quote_ident(?) || '.\"order\"')::regclass",
                schema))
        .isEqualTo("PRIMARY KEY (order_id, line_no)");
    assertThat(
            Db.query(
                "SELECT attname, attnotnull FROM pg_attribute WHERE attrelid ="
                    + " (quote_ident(?) || '.\"user\"')::regclass AND attname LIKE '\\_pfsync%'",
                schema))
        .extracting(r -> r.get("attnotnull"))
        .containsOnly(true);
  }

  @Test
  void opening_twice_leaves_existing_tables_and_rows_alone() {
    destination.open(connector, List.of(Users.SCHEMA));
    apply(checkpoint(state(1), user("a", "Ann", T0)));
    destination.close();

    Optional<String> state = destination.open(connector, List.of(Users.SCHEMA));

    assertThat(state).hasValueSatisfying(s -> assertThat(s).contains("\"n\": 1"));
    assertThat(users()).hasSize(1);
  }

  @Test
  void newer_version_overwrites_and_older_version_is_ignored() {
    destination.open(connector, List.of(Users.SCHEMA));
    apply(checkpoint(state(1), user("a", "v1", T0), user("b", "b1", T0)));

    apply(checkpoint(state(2), user("a", "v2", T0.plusSeconds(10))));
    apply(checkpoint(state(3), user("a", "stale", T0.plusSeconds(5))));

    assertThat(users())
        .containsExactly(
            Map.of(
                "id",
                "a",
                "name",
                "v2",
                "updated_at",
                ts(T0.plusSeconds(10)),
                "_pfsync_deleted",
                false),
            Map.of("id", "b", "name", "b1", "updated_at", ts(T0), "_pfsync_deleted", false));
    assertThat(destination.readState(connector)).hasValue("{\"n\": 3, \"version\": 1}");
  }

  @Test
  void a_batch_of_new_keys_with_one_stale_existing_key_inserts_the_new_and_ignores_the_stale() {
    destination.open(connector, List.of(Users.SCHEMA));
    apply(checkpoint(state(1), user("m", "current", T0.plusSeconds(100))));

    // New keys first, the conflicting one last: the insert-only COPY fails at it and rolls back.
    apply(
        checkpoint(
            state(2),
            user("a", "new-a", T0),
            user("z", "new-z", T0),
            user("m", "stale", T0),
            tombstone("q", "gone", T0)));
    apply(checkpoint(state(3), user("n", "fast again", T0)));

    assertThat(
            Db.query(
                "SELECT id, name, _pfsync_deleted, _pfsync_synced_at IS NOT NULL AS synced FROM \""
                    + schema
                    + "\".\"user\" ORDER BY id"))
        .containsExactly(
            Map.of("id", "a", "name", "new-a", "_pfsync_deleted", false, "synced", true),
            Map.of("id", "m", "name", "current", "_pfsync_deleted", false, "synced", true),
            Map.of("id", "n", "name", "fast again", "_pfsync_deleted", false, "synced", true),
            Map.of("id", "q", "name", "gone", "_pfsync_deleted", true, "synced", true),
            Map.of("id", "z", "name", "new-z", "_pfsync_deleted", false, "synced", true));
    assertThat(destination.readState(connector)).hasValue("{\"n\": 3, \"version\": 1}");
  }

  @Test
  void reapplying_a_checkpoint_with_equal_versions_changes_nothing_but_synced_at() {
    destination.open(connector, List.of(Users.SCHEMA));
    Checkpoint cp = checkpoint(state(1), user("a", "Ann", T0), user("b", "Bob", T0));
    apply(cp);
    List<Map<String, Object>> before = users();

    apply(cp);

    assertThat(users()).isEqualTo(before);
    assertThat(Db.count("SELECT count(*) FROM \"" + schema + "\".\"user\"")).isEqualTo(2);
  }

  @Test
  void duplicate_keys_in_one_checkpoint_keep_the_newest_and_the_last_sent_on_a_tie() {
    destination.open(connector, List.of(Users.SCHEMA));

    apply(
        checkpoint(
            state(1),
            user("a", "newest", T0.plusSeconds(9)),
            user("a", "older", T0),
            user("b", "first", T0),
            user("b", "last", T0)));

    assertThat(users()).extracting(r -> r.get("name")).containsExactly("newest", "last");
  }

  @Test
  void tombstones_are_kept_and_marked_deleted_and_older_versions_do_not_revive_them() {
    destination.open(connector, List.of(Users.SCHEMA));
    apply(checkpoint(state(1), user("a", "Ann", T0)));

    apply(checkpoint(state(2), tombstone("a", "Ann", T0.plusSeconds(60))));
    apply(checkpoint(state(3), user("a", "Ann", T0.plusSeconds(30))));

    assertThat(
            Db.query("SELECT name, deleted_at, _pfsync_deleted FROM \"" + schema + "\".\"user\""))
        .containsExactly(
            Map.of("name", "Ann", "deleted_at", ts(T0.plusSeconds(60)), "_pfsync_deleted", true));
  }

  @Test
  void a_failure_after_the_rows_rolls_back_rows_and_state_together() {
    destination.open(connector, List.of(Users.SCHEMA));
    apply(checkpoint(state(1), user("a", "Ann", T0)));
    destination.startRun(SyncMode.INCREMENTAL);

    // The rows are written first; the state is not valid JSON, so its upsert fails.
    assertThatThrownBy(
            () ->
                apply(
                    checkpoint(
                        "{not json",
                        user("a", "changed", T0.plusSeconds(5)),
                        user("b", "Bob", T0))))
        .isInstanceOf(DestinationException.class)
        .hasMessageContaining("22P02");

    assertThat(users()).extracting(r -> r.get("name")).containsExactly("Ann");
    assertThat(destination.readState(connector)).hasValue("{\"n\": 1, \"version\": 1}");
    assertThat(Db.count("SELECT rows_upserted FROM _pfsync.runs WHERE connector_id = ?", connector))
        .isZero();
    // The destination stays usable after the rollback.
    apply(checkpoint(state(2), user("b", "Bob", T0)));
    assertThat(users()).hasSize(2);
  }

  @Test
  void a_bad_row_in_a_later_table_rolls_back_the_rows_of_earlier_tables() {
    TableSchema tags =
        new TableSchema(
            "tags",
            List.of("tagId"),
            List.of(new Column("tagId", ColumnType.INT), new Column("at", ColumnType.UTC_DATETIME)),
            "at");
    destination.open(connector, List.of(Users.SCHEMA, tags));
    // Beyond integer: the source never sends such a value for an INT, so it fails the checkpoint
    // (a record PostgreSQL cannot hold as it is, such as one without its key, is rejected instead).
    Row badTag = new Row(Map.of("tagId", 1L << 40, "at", T0), false);

    assertThatThrownBy(
            () ->
                apply(
                    new Checkpoint(
                        List.of(
                            new TableChanges("user", List.of(user("a", "Ann", T0))),
                            new TableChanges("tags", List.of(badTag))),
                        state(1),
                        List.of())))
        .isInstanceOf(DestinationException.class)
        .hasMessageContaining(schema + ".tags")
        .hasMessageContaining("tag_id");

    assertThat(users()).isEmpty();
    assertThat(destination.readState(connector)).isEmpty();
  }

  @Test
  void a_checkpoint_for_an_undeclared_table_fails_clearly() {
    destination.open(connector, List.of(Users.SCHEMA));

    assertThatThrownBy(
            () ->
                apply(
                    new Checkpoint(
                        List.of(new TableChanges("ghosts", List.of())), state(1), List.of())))
        .isInstanceOf(DestinationException.class)
        .hasMessageContaining("ghosts");
  }

  @Test
  void an_empty_checkpoint_moves_only_the_state() {
    assertThat(destination.open(connector, List.of(Users.SCHEMA))).isEmpty();

    apply(new Checkpoint(List.of(), state(7), List.of()));

    assertThat(destination.readState(connector)).hasValue("{\"n\": 7, \"version\": 1}");
  }

  @Test
  void runs_record_mode_counts_status_and_message() {
    destination.open(connector, List.of(Users.SCHEMA));
    destination.startRun(SyncMode.HISTORICAL);
    apply(
        new Checkpoint(
            List.of(new TableChanges("user", List.of(user("a", "A", T0), user("b", "B", T0)))),
            state(1),
            Rejected.some(2)));
    apply(
        new Checkpoint(
            List.of(new TableChanges("user", List.of(tombstone("a", "A", T0.plusSeconds(1))))),
            state(2),
            Rejected.some(1)));
    destination.finishRun(RunStatus.SUCCEEDED, Optional.of("done"));
    destination.startRun(SyncMode.INCREMENTAL);
    destination.finishRun(RunStatus.FAILED, Optional.empty());

    List<Map<String, Object>> runs =
        Db.query(
            "SELECT mode, status, rows_upserted, rows_deleted, rows_skipped, message,"
                + " finished_at >= started_at AS ordered FROM _pfsync.runs"
                + " WHERE connector_id = ? ORDER BY id",
            connector);
    assertThat(runs).hasSize(2);
    assertThat(runs.get(0))
        .containsEntry("mode", "historical")
        .containsEntry("status", "succeeded")
        .containsEntry("rows_upserted", 2L)
        .containsEntry("rows_deleted", 1L)
        .containsEntry("rows_skipped", 3L)
        .containsEntry("message", "done")
        .containsEntry("ordered", true);
    assertThat(runs.get(1))
        .containsEntry("mode", "incremental")
        .containsEntry("status", "failed")
        .containsEntry("rows_upserted", 0L)
        .containsEntry("message", null);
  }

  @Test
  void read_state_works_without_open_and_reset_forgets_it_and_can_drop_tables() {
    destination.open(connector, List.of(Users.SCHEMA));
    apply(checkpoint(state(1), user("a", "Ann", T0)));
    destination.close();
    PostgresDestination other = new PostgresDestination(db.config(schema));

    assertThat(other.readState(connector)).hasValue("{\"n\": 1, \"version\": 1}");
    assertThat(other.readState(db.connectorId("never"))).isEmpty();

    other.reset(connector, false, List.of(Users.SCHEMA));
    assertThat(other.readState(connector)).isEmpty();
    assertThat(users()).hasSize(1);

    other.reset(connector, true, List.of(Users.SCHEMA));
    assertThat(Db.value("SELECT to_regclass(quote_ident(?) || '.\"user\"')::text", schema))
        .isNull();
  }

  @Test
  void check_passes_for_a_working_database_and_changes_nothing() {
    destination.check();

    assertThat(Db.value("SELECT to_regnamespace(quote_ident(?))::text", schema)).isNull();
  }

  @Test
  void check_reports_a_missing_database_as_a_configuration_error() {
    PostgresDestination missing =
        new PostgresDestination(db.withDatabase("pfsync_no_such_db").config(schema));

    assertThatThrownBy(missing::check)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("3D000");
  }
}
