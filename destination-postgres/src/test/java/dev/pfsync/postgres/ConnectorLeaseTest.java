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
import dev.pfsync.postgres.internal.OwnerId;
import dev.pfsync.postgres.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One run per connector id: a lease row in {@code _pfsync.leases}, from open to close. */
class ConnectorLeaseTest {
  private final TestDatabase db = TestDatabase.get();
  private final String schema = db.freshSchema("lease");

  @Test
  void a_second_open_of_the_same_connector_fails_at_once_naming_the_holder_and_changes_nothing() {
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
      String holder =
          (String)
              Db.value(
                  "SELECT owner FROM _pfsync.leases WHERE connector_id = ? AND resource = 'connector'",
                  connector);

      long started = System.nanoTime();
      assertThatThrownBy(() -> second.open(connector, List.of(Users.SCHEMA, other)))
          .isInstanceOf(ConcurrentRunException.class)
          .hasMessageStartingWith(
              "connector '"
                  + connector
                  + "' is already running (lease held by "
                  + holder
                  + " until ");
      assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
      assertThat(Db.value("SELECT to_regclass(quote_ident(?) || '.other')::text", schema)).isNull();

      // The first keeps working; another connector id is independent.
      first.apply(checkpoint(state(2), user("b", "Bob", T0)));
      try (PostgresDestination third = new PostgresDestination(db.config(schema))) {
        third.open(db.connectorId("orders"), List.of(other));
      }

      first.close();
      assertThat(Db.count("SELECT count(*) FROM _pfsync.leases WHERE connector_id = ?", connector))
          .as("close() releases the lease")
          .isZero();
      assertThat(second.open(connector, List.of(Users.SCHEMA))).isPresent();
    }
  }

  @Test
  void reset_fails_while_a_run_holds_the_lease_and_state_can_still_be_read() {
    String connector = db.connectorId("users");
    try (PostgresDestination running = new PostgresDestination(db.config(schema))) {
      running.open(connector, List.of(Users.SCHEMA));
      running.apply(checkpoint(state(1), user("a", "Ann", T0)));
      PostgresDestination cli = new PostgresDestination(db.config(schema));

      assertThat(cli.readState(connector)).isPresent();
      assertThatThrownBy(() -> cli.reset(connector, true, List.of(Users.SCHEMA)))
          .isInstanceOf(ConcurrentRunException.class)
          .hasMessageContaining("already running");
      assertThat(cli.readState(connector)).isPresent();
      assertThat(Db.value("SELECT to_regclass(quote_ident(?) || '.user')::text", schema))
          .isNotNull();

      running.close();
      cli.reset(connector, false, List.of(Users.SCHEMA));
      assertThat(cli.readState(connector)).isEmpty();
      assertThat(Db.count("SELECT count(*) FROM _pfsync.leases WHERE connector_id = ?", connector))
          .as("reset released its lease")
          .isZero();
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
  void the_lease_of_a_process_of_this_host_that_ended_is_taken_over_at_once() throws Exception {
    String connector = db.connectorId("users");
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    String mine = OwnerId.create();
    String host = mine.substring(0, mine.lastIndexOf(':', mine.lastIndexOf(':') - 1));
    holdLease(connector, host + ":" + ended.pid() + ":0badc0de");

    try (PostgresDestination d = new PostgresDestination(db.config(schema))) {
      d.open(connector, List.of(Users.SCHEMA));
    }
  }

  @Test
  void the_live_lease_of_another_host_is_respected_until_it_expires() {
    String connector = db.connectorId("users");
    holdLease(connector, "elsewhere:1:0badc0de");

    try (PostgresDestination d = new PostgresDestination(db.config(schema))) {
      assertThatThrownBy(() -> d.open(connector, List.of(Users.SCHEMA)))
          .isInstanceOf(ConcurrentRunException.class)
          .hasMessageContaining("lease held by elsewhere:1:0badc0de until ");

      db.execute(
          "UPDATE _pfsync.leases SET expires_at = now() - interval '1 second'"
              + " WHERE connector_id = '"
              + connector
              + "'");
      d.open(connector, List.of(Users.SCHEMA));
    }
  }

  @Test
  void no_session_advisory_lock_is_held_while_open() {
    try (PostgresDestination d = new PostgresDestination(db.config(schema))) {
      d.open(db.connectorId("users"), List.of(Users.SCHEMA));
      d.apply(checkpoint(state(1), user("a", "Ann", T0)));

      assertThat(
              Db.count(
                  "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database ="
                      + " (SELECT oid FROM pg_database WHERE datname = current_database())"))
          .isZero();
    }
  }

  private void holdLease(String connector, String owner) {
    // The metadata schema exists once any destination opened in this database.
    try (PostgresDestination d = new PostgresDestination(db.config(schema))) {
      d.open(db.connectorId("migrate"), List.of());
    }
    db.execute(
        "INSERT INTO _pfsync.leases (connector_id, resource, owner, acquired_at, heartbeat_at,"
            + " expires_at) VALUES ('"
            + connector
            + "', 'connector', '"
            + owner
            + "', now(),"
            + " now(), now() + interval '1 hour')");
  }
}
