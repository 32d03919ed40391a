package dev.pfsync.postgres;

import static dev.pfsync.postgres.Users.T0;
import static dev.pfsync.postgres.Users.checkpoint;
import static dev.pfsync.postgres.Users.state;
import static dev.pfsync.postgres.Users.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.Checkpoint;
import dev.pfsync.core.DestinationUnavailableException;
import dev.pfsync.core.Row;
import dev.pfsync.core.RunStatus;
import dev.pfsync.core.SyncMode;
import dev.pfsync.postgres.testing.TestDatabase;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server ends the destination's connection: it is replaced, and the state read again. */
class DeadConnectionTest {
  /** pfsync's sessions in this database: the destination's and its lease heartbeat's. */
  private static final String PFSYNC_SESSIONS =
      " FROM pg_stat_activity WHERE application_name = 'pfsync' AND datname = current_database()"
          + " AND pid <> pg_backend_pid()";

  private final TestDatabase db = TestDatabase.get();
  private final String schema = db.freshSchema("dead");
  private final String connector = db.connectorId("dead");

  @Test
  void a_connection_terminated_between_checkpoints_is_replaced_before_the_next_one() {
    try (PostgresDestination d = new PostgresDestination(db.config(schema))) {
      d.open(connector, List.of(Users.SCHEMA));
      d.startRun(SyncMode.HISTORICAL);
      d.apply(checkpoint(state(1), user("a", "Ann", T0)));
      String owner = leaseOwner();

      terminate("");
      Users.apply(d, checkpoint(state(2), user("b", "Bob", T0)), true);
      terminate("");
      d.apply(checkpoint(state(3), user("c", "Cid", T0)));
      terminate("");
      d.finishRun(RunStatus.SUCCEEDED, Optional.empty());
      terminate("");

      assertThat(d.reloadState()).hasValue("{\"n\": 3, \"version\": 1}");
      assertThat(Db.count("SELECT count(*) FROM " + schema + ".\"user\"")).isEqualTo(3);
      assertThat(leaseOwner()).as("the same owner took its lease again").isEqualTo(owner);
      assertThat(
              Db.value(
                  "SELECT status FROM _pfsync.runs WHERE connector_id = ? ORDER BY id DESC LIMIT 1",
                  connector))
          .isEqualTo("succeeded");
    }
  }

  @Test
  void a_connection_terminated_during_a_checkpoint_fails_it_as_unavailable_and_commits_nothing() {
    try (PostgresDestination d = new PostgresDestination(db.config(schema))) {
      d.open(connector, List.of(Users.SCHEMA));
      d.apply(checkpoint(state(1), user("a", "Ann", T0)));
      List<Row> rows = List.of(user("b", "Bob", T0), user("c", "Cid", T0));
      int[] next = {0};

      assertThatThrownBy(
              () ->
                  d.apply(
                      "user",
                      () -> {
                        if (next[0] == 1) {
                          terminate(" AND query LIKE 'COPY %'"); // while the page streams in
                        }
                        return next[0] < rows.size() ? rows.get(next[0]++) : null;
                      },
                      unstorable -> new Checkpoint(List.of(), state(2), List.of())))
          .isInstanceOf(DestinationUnavailableException.class);

      assertThat(d.reloadState()).hasValue("{\"n\": 1, \"version\": 1}");
      assertThat(Db.count("SELECT count(*) FROM " + schema + ".\"user\"")).isEqualTo(1);
      Users.apply(d, checkpoint(state(2), rows.toArray(Row[]::new)), true);
      assertThat(d.reloadState()).hasValue("{\"n\": 2, \"version\": 1}");
      assertThat(Db.count("SELECT count(*) FROM " + schema + ".\"user\"")).isEqualTo(3);
    }
  }

  @Test
  void a_server_idle_session_timeout_is_survived_keeping_the_lease() throws Exception {
    TestDatabase idleKills = db.withParameters("options=-c%20idle_session_timeout%3D1000");
    try (PostgresDestination d = new PostgresDestination(idleKills.config(schema))) {
      d.open(connector, List.of(Users.SCHEMA));
      d.apply(checkpoint(state(1), user("a", "Ann", T0)));
      String owner = leaseOwner();

      Thread.sleep(2_000);
      Users.apply(d, checkpoint(state(2), user("b", "Bob", T0)), true);
      Thread.sleep(2_000);
      d.apply(checkpoint(state(3), user("c", "Cid", T0)));
      Thread.sleep(2_000);

      assertThat(d.reloadState()).hasValue("{\"n\": 3, \"version\": 1}");
      assertThat(leaseOwner()).isEqualTo(owner);
    }
  }

  private String leaseOwner() {
    return (String)
        Db.value(
            "SELECT owner FROM _pfsync.leases WHERE connector_id = ? AND resource = 'connector'",
            connector);
  }

  /** Terminates pfsync's sessions (matching {@code filter}) and waits until they are gone. */
  private static void terminate(String filter) {
    List<String> pids =
        Db.query("SELECT pid, pg_terminate_backend(pid)" + PFSYNC_SESSIONS + filter).stream()
            .map(r -> r.get("pid").toString())
            .toList();
    assertThat(pids).as("sessions to terminate").isNotEmpty();
    String gone =
        "SELECT count(*)" + PFSYNC_SESSIONS + " AND pid IN (" + String.join(",", pids) + ")";
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (Db.count(gone) > 0) {
      assertThat(System.nanoTime()).as("terminated sessions end").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }
}
