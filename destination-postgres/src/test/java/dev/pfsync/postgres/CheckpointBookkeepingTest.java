package dev.pfsync.postgres;

import static dev.pfsync.postgres.Users.T0;
import static dev.pfsync.postgres.Users.checkpoint;
import static dev.pfsync.postgres.Users.state;
import static dev.pfsync.postgres.Users.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.Checkpoint;
import dev.pfsync.core.DestinationException;
import dev.pfsync.core.RejectedRecord;
import dev.pfsync.core.Row;
import dev.pfsync.core.RunStatus;
import dev.pfsync.core.SyncMode;
import dev.pfsync.core.TableChanges;
import dev.pfsync.postgres.testing.TestDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The state, the run counts and the fast path's savepoint travel in one round trip before the rows:
 * a batch that falls back to the merge must keep all three, and DDL made by the batch must survive
 * the fallback.
 */
class CheckpointBookkeepingTest {
  private final TestDatabase db = TestDatabase.get();
  private String schema;
  private String connector;
  private PostgresDestination destination;

  @BeforeEach
  void setUp() {
    schema = db.freshSchema("bookkeeping");
    connector = db.connectorId("bookkeeping");
    destination = new PostgresDestination(db.config(schema));
  }

  @AfterEach
  void tearDown() {
    destination.close();
  }

  private Map<String, Object> run() {
    return Db.query(
            "SELECT rows_upserted, rows_deleted, rows_skipped, rows_rejected FROM _pfsync.runs"
                + " WHERE connector_id = ? ORDER BY id DESC LIMIT 1",
            connector)
        .get(0);
  }

  /** Whether checkpoints go through the streaming apply ({@code Streamed} subclass). */
  boolean streamed() {
    return false;
  }

  private void apply(Checkpoint checkpoint) {
    Users.apply(destination, checkpoint, streamed());
  }

  @Test
  void a_batch_that_falls_back_to_the_merge_keeps_its_state_and_run_counts() {
    destination.open(connector, List.of(Users.SCHEMA));
    destination.startRun(SyncMode.HISTORICAL);
    apply(checkpoint(state(1), user("a", "A", T0), user("b", "B", T0)));

    apply(
        new Checkpoint(
            List.of(
                new TableChanges(
                    "user", List.of(user("c", "C", T0), user("a", "A2", T0.plusSeconds(1))))),
            state(2),
            Rejected.some(4)));
    destination.finishRun(RunStatus.SUCCEEDED, Optional.empty());

    assertThat(Db.query("SELECT id, name FROM \"" + schema + "\".\"user\" ORDER BY id"))
        .containsExactly(
            Map.of("id", "a", "name", "A2"),
            Map.of("id", "b", "name", "B"),
            Map.of("id", "c", "name", "C"));
    assertThat(destination.readState(connector)).hasValue("{\"n\": 2, \"version\": 1}");
    assertThat(run())
        .containsEntry("rows_upserted", 4L)
        .containsEntry("rows_deleted", 0L)
        .containsEntry("rows_skipped", 4L)
        .containsEntry("rows_rejected", 4L);
  }

  @Test
  void a_new_column_added_by_a_batch_that_then_conflicts_survives_the_fallback() {
    destination.open(connector, List.of(Users.SCHEMA));
    destination.startRun(SyncMode.INCREMENTAL);
    apply(checkpoint(state(1), user("a", "A", T0)));
    Map<String, Object> values = new LinkedHashMap<>(user("a", "A2", T0.plusSeconds(5)).values());
    values.put("loginCount", 7L);

    apply(checkpoint(state(2), new Row(values, false)));

    assertThat(Db.query("SELECT name, login_count FROM \"" + schema + "\".\"user\""))
        .containsExactly(Map.of("name", "A2", "login_count", 7L));
    assertThat(destination.readState(connector)).hasValue("{\"n\": 2, \"version\": 1}");
    assertThat(run()).containsEntry("rows_upserted", 2L);
  }

  @Test
  void the_checkpoints_rejected_records_are_stored_and_counted_with_it_nuls_escaped() {
    destination.open(connector, List.of(Users.SCHEMA));
    destination.startRun(SyncMode.INCREMENTAL);
    RejectedRecord withNul =
        new RejectedRecord(
            "user",
            Optional.of("k\0ey"),
            Optional.of("na\0me"),
            "field na\0me: bad",
            "{\"id\":\"k\0ey\"}");
    RejectedRecord bare =
        new RejectedRecord("user", Optional.empty(), Optional.empty(), "not an object", "[1]");

    apply(
        new Checkpoint(
            List.of(new TableChanges("user", List.of(user("a", "A", T0)))),
            state(1),
            List.of(withNul, bare)));
    apply(checkpoint(state(2), user("b", "B", T0)));

    assertThat(
            Db.query(
                "SELECT \"table\", key, field, reason, record, run_id = (SELECT max(id) FROM"
                    + " _pfsync.runs WHERE connector_id = ?) AS this_run,"
                    + " rejected_at IS NOT NULL AS dated FROM _pfsync.rejected"
                    + " WHERE connector_id = ? ORDER BY id",
                connector,
                connector))
        .containsExactly(
            row(
                "user",
                "k\\u0000ey",
                "na\\u0000me",
                "field na\\u0000me: bad",
                "{\"id\":\"k\\u0000ey\"}"),
            row("user", null, null, "not an object", "[1]"));
    assertThat(run())
        .containsEntry("rows_upserted", 2L)
        .containsEntry("rows_skipped", 2L)
        .containsEntry("rows_rejected", 2L);
    assertThat(destination.readState(connector)).hasValue("{\"n\": 2, \"version\": 1}");
  }

  @Test
  void rejected_records_of_a_checkpoint_that_fails_are_not_stored() {
    destination.open(connector, List.of(Users.SCHEMA));
    destination.startRun(SyncMode.INCREMENTAL);

    assertThatThrownBy(
            () ->
                apply(
                    new Checkpoint(
                        List.of(new TableChanges("user", List.of(user("a", "A", T0)))),
                        "not json",
                        Rejected.some(3))))
        .isInstanceOf(DestinationException.class);

    assertThat(Db.count("SELECT count(*) FROM _pfsync.rejected WHERE connector_id = ?", connector))
        .isZero();
    assertThat(run()).containsEntry("rows_rejected", 0L).containsEntry("rows_upserted", 0L);
  }

  private static Map<String, Object> row(
      String table, String key, String field, String reason, String record) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("table", table);
    out.put("key", key);
    out.put("field", field);
    out.put("reason", reason);
    out.put("record", record);
    out.put("this_run", true);
    out.put("dated", true);
    return out;
  }

  @Test
  void a_checkpoint_without_rows_outside_a_run_still_moves_the_state() {
    destination.open(connector, List.of(Users.SCHEMA));

    apply(new Checkpoint(List.of(), state(7), List.of()));

    assertThat(destination.readState(connector)).hasValue("{\"n\": 7, \"version\": 1}");
  }
}
