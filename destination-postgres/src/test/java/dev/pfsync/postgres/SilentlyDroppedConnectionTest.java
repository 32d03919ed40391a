package dev.pfsync.postgres;

import static dev.pfsync.postgres.Users.T0;
import static dev.pfsync.postgres.Users.checkpoint;
import static dev.pfsync.postgres.Users.state;
import static dev.pfsync.postgres.Users.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pfsync.postgres.testing.TcpProxy;
import dev.pfsync.postgres.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A NAT or firewall drops an idle connection without telling either end: a query on it would wait
 * for the socket timeout (minutes). The destination checks a connection that idled before using it,
 * with a bounded wait, and replaces it.
 */
class SilentlyDroppedConnectionTest {
  private final TestDatabase server = TestDatabase.get();

  @Test
  void an_idle_connection_dropped_without_a_word_is_replaced_within_seconds() {
    try (TcpProxy nat = TcpProxy.to(server.host(), server.port())) {
      TestDatabase db = server.withAddress("127.0.0.1", nat.port());
      String connector = db.connectorId("nat");
      try (PostgresDestination d = new PostgresDestination(db.config(db.freshSchema("nat")))) {
        d.validateAfterIdle(Duration.ofMillis(300));
        d.open(connector, List.of(Users.SCHEMA));
        d.apply(checkpoint(state(1), user("a", "Ann", T0)));

        nat.blackhole();
        sleep(500);
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> Users.apply(d, checkpoint(state(2), user("b", "Bob", T0)), true));

        assertThat(d.reloadState()).hasValue("{\"n\": 2, \"version\": 1}");
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
