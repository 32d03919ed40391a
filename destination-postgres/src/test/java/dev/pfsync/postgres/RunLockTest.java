package dev.pfsync.postgres;

import static dev.pfsync.postgres.Users.T0;
import static dev.pfsync.postgres.Users.checkpoint;
import static dev.pfsync.postgres.Users.state;
import static dev.pfsync.postgres.Users.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.Column;
import dev.pfsync.core.ColumnType;
import dev.pfsync.core.ConcurrentRunException;
import dev.pfsync.core.TableSchema;
import dev.pfsync.postgres.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunLockTest {
  private final TestDatabase db = TestDatabase.get();
  private final String schema = db.freshSchema("lock");

  @Test
  void a_second_open_of_the_same_connector_fails_at_once_and_changes_nothing() {
    String connector = db.connectorId("users");
    TableSchema other =
        new TableSchema(
            "other",
            List.of("id"),
            List.of(new Column("id", ColumnType.LONG), new Column("at", ColumnType.LONG)),
            "at");
    try (PostgresDestination first = new PostgresDestination(db.config(schema));
        PostgresDestination second = new PostgresDestination(db.config(schema))) {
      first.open(connector, List.of(Users.SCHEMA));
      first.apply(checkpoint(state(1), user("a", "Ann", T0)));

      long started = System.nanoTime();
      assertThatThrownBy(() -> second.open(connector, List.of(Users.SCHEMA, other)))
          .isInstanceOf(ConcurrentRunException.class)
          .hasMessage(
              "connector '"
                  + connector
                  + "' is already running (advisory lock held by another session)");
      assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
      assertThat(Db.value("SELECT to_regclass(quote_ident(?) || '.other')::text", schema)).isNull();

      // The first keeps working; another connector id is independent.
      first.apply(checkpoint(state(2), user("b", "Bob", T0)));
      try (PostgresDestination third = new PostgresDestination(db.config(schema))) {
        third.open(db.connectorId("orders"), List.of(other));
      }

      first.close();
      assertThat(second.open(connector, List.of(Users.SCHEMA))).isPresent();
    }
  }

  @Test
  void reset_fails_while_a_run_holds_the_lock_and_state_can_still_be_read() {
    String connector = db.connectorId("users");
    try (PostgresDestination running = new PostgresDestination(db.config(schema))) {
      running.open(connector, List.of(Users.SCHEMA));
      running.apply(checkpoint(state(1), user("a", "Ann", T0)));
      PostgresDestination cli = new PostgresDestination(db.config(schema));

      assertThat(cli.readState(connector)).isPresent();
      assertThatThrownBy(() -> cli.reset(connector, true, List.of(Users.SCHEMA)))
          .isInstanceOf(ConcurrentRunException.class);
      assertThat(cli.readState(connector)).isPresent();

      running.close();
      cli.reset(connector, false, List.of(Users.SCHEMA));
      assertThat(cli.readState(connector)).isEmpty();
    }
  }

  @Test
  void close_is_idempotent_and_a_closed_destination_can_reopen() {
    String connector = db.connectorId("users");
    PostgresDestination d = new PostgresDestination(db.config(schema));
    d.close();
    d.open(connector, List.of(Users.SCHEMA));
    d.close();
    d.close();
    d.open(connector, List.of(Users.SCHEMA));
    d.close();
  }

  @Test
  void a_lost_connection_is_reestablished_and_the_lock_retaken() throws Exception {
    String connector = db.connectorId("users");
    try (PostgresDestination d = new PostgresDestination(db.config(schema))) {
      d.open(connector, List.of(Users.SCHEMA));
      d.apply(checkpoint(state(1), user("a", "Ann", T0)));
      Db.query(
          "SELECT pg_terminate_backend(pid) FROM pg_locks"
              + " WHERE locktype = 'advisory' AND pid <> pg_backend_pid()"
              + " AND ((classid::bigint << 32) | objid::bigint) = ?",
          dev.pfsync.postgres.internal.RunLock.keyOf(connector));

      // The first use after the loss fails as retriable (or reconnects); the next one works.
      try {
        d.apply(checkpoint(state(2), user("b", "Bob", T0)));
      } catch (dev.pfsync.core.RetriableException expected) {
        d.apply(checkpoint(state(2), user("b", "Bob", T0)));
      }

      assertThat(d.readState(connector)).hasValue("{\"n\": 2, \"version\": 1}");
      PostgresDestination second = new PostgresDestination(db.config(schema));
      assertThatThrownBy(() -> second.open(connector, List.of(Users.SCHEMA)))
          .isInstanceOf(ConcurrentRunException.class);
    }
  }
}
