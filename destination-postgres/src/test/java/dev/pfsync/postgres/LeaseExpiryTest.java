package dev.pfsync.postgres;

import static dev.pfsync.postgres.Users.T0;
import static dev.pfsync.postgres.Users.checkpoint;
import static dev.pfsync.postgres.Users.state;
import static dev.pfsync.postgres.Users.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.ConcurrentRunException;
import dev.pfsync.postgres.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With a 2 s lease: a holder that stops renewing (a dead or frozen host) is replaced within one
 * lease, and can never commit again afterwards (each checkpoint checks the lease: fencing).
 */
class LeaseExpiryTest {
  private static final Duration LEASE = Duration.ofSeconds(2);

  private final TestDatabase db = TestDatabase.get();
  private final String schema = db.freshSchema("expiry");
  private final String connector = db.connectorId("expiry");
  private final PostgresConfig config =
      new PostgresConfig(db.jdbcUrl(), db.user(), db.password(), schema, LEASE);

  @Test
  void a_holder_that_stops_renewing_is_taken_over_within_a_lease_and_then_commits_nothing()
      throws Exception {
    try (PostgresDestination old = new PostgresDestination(config);
        PostgresDestination next = new PostgresDestination(config)) {
      old.open(connector, List.of(Users.SCHEMA));
      old.apply(checkpoint(state(1), user("a", "Ann", T0)));
      old.stopHeartbeat();

      long started = System.nanoTime();
      openWhenFree(next);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LEASE.plusSeconds(1));
      next.apply(checkpoint(state(2), user("b", "Bob", T0)));
      String nextOwner = leaseOwner();

      assertThatThrownBy(() -> old.apply(checkpoint(state(99), user("z", "Zed", T0))))
          .isInstanceOf(ConcurrentRunException.class)
          .hasMessage("connector " + connector + ": lost its lease to " + nextOwner);
      assertThatThrownBy(() -> Users.apply(old, checkpoint(state(98), user("y", "Yves", T0)), true))
          .isInstanceOf(ConcurrentRunException.class);
      old.close();

      assertThat(next.reloadState()).hasValue("{\"n\": 2, \"version\": 1}");
      assertThat(Db.count("SELECT count(*) FROM " + schema + ".\"user\" WHERE id IN ('y', 'z')"))
          .isZero();
      assertThat(leaseOwner())
          .as("the old holder's close() leaves the new lease")
          .isEqualTo(nextOwner);
    }
  }

  @Test
  void the_heartbeat_keeps_the_lease_of_an_idle_holder() throws Exception {
    try (PostgresDestination holder = new PostgresDestination(config);
        PostgresDestination other = new PostgresDestination(config)) {
      holder.open(connector, List.of(Users.SCHEMA));
      Thread.sleep(LEASE.multipliedBy(2).toMillis());

      assertThatThrownBy(() -> other.open(connector, List.of(Users.SCHEMA)))
          .isInstanceOf(ConcurrentRunException.class);
      holder.apply(checkpoint(state(1), user("a", "Ann", T0)));
    }
  }

  @Test
  void a_heartbeat_that_finds_its_lease_taken_stops_the_next_checkpoint_before_it_writes()
      throws Exception {
    try (PostgresDestination holder = new PostgresDestination(config)) {
      holder.open(connector, List.of(Users.SCHEMA));
      db.execute(
          "UPDATE _pfsync.leases SET owner = 'usurper:1:00000000' WHERE connector_id = '"
              + connector
              + "'");
      Thread.sleep(LEASE.toMillis());

      assertThatThrownBy(
              () ->
                  holder.apply(
                      "user",
                      () -> {
                        throw new AssertionError("no row is read once the lease is lost");
                      },
                      unstorable -> checkpoint(state(1))))
          .isInstanceOf(ConcurrentRunException.class)
          .hasMessage("connector " + connector + ": lost its lease to usurper:1:00000000");
    }
  }

  private String leaseOwner() {
    return (String)
        Db.value(
            "SELECT owner FROM _pfsync.leases WHERE connector_id = ? AND resource = 'connector'",
            connector);
  }

  private void openWhenFree(PostgresDestination d) throws InterruptedException {
    long deadline = System.nanoTime() + LEASE.multipliedBy(3).toNanos();
    while (true) {
      try {
        d.open(connector, List.of(Users.SCHEMA));
        return;
      } catch (ConcurrentRunException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
