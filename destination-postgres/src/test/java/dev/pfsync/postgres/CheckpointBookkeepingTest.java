package dev.pfsync.postgres;

import static dev.pfsync.postgres.Users.T0;
import static dev.pfsync.postgres.Users.checkpoint;
import static dev.pfsync.postgres.Users.state;
import static dev.pfsync.postgres.Users.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.Checkpoint;
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
            "SELECT rows_upserted, rows_deleted, rows_skipped FROM _pfsync.runs"
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
        .containsEntry("rows_skipped", 4L);
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
  void a_checkpoint_without_rows_outside_a_run_still_moves_the_state() {
    destination.open(connector, List.of(Users.SCHEMA));

    apply(new Checkpoint(List.of(), state(7), List.of()));

    assertThat(destination.readState(connector)).hasValue("{\"n\": 7, \"version\": 1}");
  }
}
