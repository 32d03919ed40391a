package dev.pfsync.postgres;

import static dev.pfsync.postgres.Users.T0;
import static dev.pfsync.postgres.Users.checkpoint;
import static dev.pfsync.postgres.Users.state;
import static dev.pfsync.postgres.Users.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.ConcurrentRunException;
import dev.pfsync.core.RunStatus;
import dev.pfsync.core.SyncMode;
import dev.pfsync.postgres.testing.PgBouncer;
import dev.pfsync.postgres.testing.TestDatabase;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Through pgbouncer in transaction pooling mode with a plain URL: consecutive transactions of one
 * client run on different server sessions, which other clients use in between. Nothing may rely on
 * session state: server-side prepared statements, temporary tables, session advisory locks.
 */
class PgBouncerTest {
  private static PgBouncer bouncer;

  private final TestDatabase db = bouncer.database();

  @BeforeAll
  static void startPooler() {
    bouncer = PgBouncer.start(TestDatabase.get());
  }

  @AfterAll
  static void stopPooler() {
    bouncer.close();
  }

  @Test
  void two_connectors_sync_through_the_pooler_on_both_write_paths_and_reopen() {
    String schema = db.freshSchema("bouncer");
    String first = db.connectorId("bouncer-a");
    String second = db.connectorId("bouncer-b");
    try (PostgresDestination a = new PostgresDestination(db.config(schema));
        PostgresDestination b = new PostgresDestination(db.config(db.freshSchema("bouncer")))) {
      a.open(first, List.of(Users.SCHEMA));
      b.open(second, List.of(Users.SCHEMA));
      a.startRun(SyncMode.HISTORICAL);
      b.startRun(SyncMode.HISTORICAL);
      // Interleaved, each statement more than pgjdbc's prepareThreshold (5) times: with
      // server-side prepared statements, S_1 of one client would meet S_1 of the other.
      for (int n = 1; n <= 12; n++) {
        String id = "u" + n;
        Users.apply(a, checkpoint(state(n), user(id, "streamed", T0.plusSeconds(n))), true);
        // Two versions of one key: the general path, through a staging table.
        b.apply(checkpoint(state(n), user(id, "old", T0), user(id, "general", T0.plusSeconds(n))));
        // A key stored already: the streamed fast path rolls back and takes the general path.
        Users.apply(
            a, checkpoint(state(n), user("u1", "again" + n, T0.plusSeconds(100 + n))), true);
      }
      a.finishRun(RunStatus.SUCCEEDED, Optional.empty());
      b.finishRun(RunStatus.SUCCEEDED, Optional.empty());
    }

    try (PostgresDestination again = new PostgresDestination(db.config(schema))) {
      assertThat(again.open(first, List.of(Users.SCHEMA))).hasValue("{\"n\": 12, \"version\": 1}");
    }
    assertThat(Db.count("SELECT count(*) FROM " + schema + ".\"user\"")).isEqualTo(12);
    assertThat(Db.value("SELECT name FROM " + schema + ".\"user\" WHERE id = 'u1'"))
        .isEqualTo("again12");
    assertThat(
            Db.query(
                "SELECT status, rows_upserted FROM _pfsync.runs WHERE connector_id IN (?, ?)",
                first,
                second))
        .extracting(r -> r.get("status"))
        .containsOnly("succeeded");
  }

  @Test
  void a_second_open_of_the_same_connector_through_the_pooler_is_refused_until_the_first_closes() {
    String schema = db.freshSchema("bouncer");
    String connector = db.connectorId("bouncer");
    try (PostgresDestination first = new PostgresDestination(db.config(schema));
        PostgresDestination second = new PostgresDestination(db.config(schema))) {
      first.open(connector, List.of(Users.SCHEMA));
      first.apply(checkpoint(state(1), user("a", "Ann", T0)));

      for (int attempt = 0; attempt < 5; attempt++) { // whatever server session it lands on
        assertThatThrownBy(() -> second.open(connector, List.of(Users.SCHEMA)))
            .isInstanceOf(ConcurrentRunException.class)
            .hasMessageContaining("already running");
        first.apply(checkpoint(state(2 + attempt), user("b", "Bob", T0.plusSeconds(attempt))));
      }
      assertThatThrownBy(() -> second.reset(connector, false, List.of(Users.SCHEMA)))
          .isInstanceOf(ConcurrentRunException.class);

      first.close();
      assertThat(second.open(connector, List.of(Users.SCHEMA)))
          .hasValue("{\"n\": 6, \"version\": 1}");
      second.apply(checkpoint(state(7), user("c", "Cid", T0)));
      assertThat(second.readState(connector)).hasValue("{\"n\": 7, \"version\": 1}");
    }
  }
}
