package dev.pfsync.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.connector.UsersConnector;
import dev.pfsync.it.support.CliResult;
import dev.pfsync.it.support.InProcessCli;
import dev.pfsync.it.support.MockApi;
import dev.pfsync.it.support.SyncTarget;
import dev.pfsync.it.support.Truth;
import dev.pfsync.postgres.testing.PgBouncer;
import dev.pfsync.postgres.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Through pgbouncer in transaction pooling mode (how Supabase, Heroku and many managed PostgreSQL
 * setups are reached), with a plain JDBC URL. Before, the first sync failed with {@code prepared
 * statement "S_1" already exists}, and with {@code prepareThreshold=0} the session advisory lock no
 * longer kept a second process out.
 */
class PoolerIT {
  private static final Clock WALL = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));

  static SyncTarget through(PgBouncer bouncer, String prefix) {
    TestDatabase direct = TestDatabase.get();
    return new SyncTarget(
        bouncer.database(), direct.freshSchema(prefix), direct.connectorId(prefix));
  }

  @Test
  void a_sync_through_a_transaction_pooler_with_a_plain_url_is_exact() {
    try (PgBouncer bouncer = PgBouncer.start(TestDatabase.get());
        MockApi api = MockApi.wallClock(12_000)) {
      SyncTarget target = through(bouncer, "pooled");

      CliResult backfill =
          InProcessCli.run(
              WALL, target.args("sync", api, "--until-complete", "--page-size", "500"));
      assertThat(backfill.exitCode()).as(backfill.describe() + bouncer.log()).isZero();
      api.mutate(200, 50, 20); // the general (staging table) path, on whatever session comes
      sleep(3_000);
      CliResult again = InProcessCli.run(WALL, target.args("sync", api));
      assertThat(again.exitCode()).as(again.describe() + bouncer.log()).isZero();

      Truth.assertExact(api, "users", UsersConnector.USERS, target);
    }
  }

  @Test
  void two_processes_through_the_pooler_never_run_one_connector_at_once() throws Exception {
    try (PgBouncer bouncer = PgBouncer.start(TestDatabase.get());
        MockApi api = MockApi.wallClock(60_000)) {
      SyncTarget target = through(bouncer, "pooled_two");
      List<String> args =
          List.of(target.args("sync", api, "--until-complete", "--page-size", "200"));
      try (ConnectorProcess first = ConnectorProcess.start(args)) {
        awaitLease(target, first);
        ConnectorProcess.Finished second = ConnectorProcess.run(args, Duration.ofMinutes(2));

        assertThat(second.code()).as(second.err()).isEqualTo(1);
        assertThat(second.err()).contains("lease");
        assertThat(first.waitFor(Duration.ofMinutes(3))).as(first.err()).isZero();
      }
      Truth.assertExact(api, "users", UsersConnector.USERS, target);
    }
  }

  @Test
  void a_holder_killed_mid_backfill_is_followed_by_another_that_finishes_it_exactly()
      throws Exception {
    try (PgBouncer bouncer = PgBouncer.start(TestDatabase.get());
        MockApi api = MockApi.wallClock(60_000)) {
      SyncTarget target = through(bouncer, "pooled_kill");
      List<String> args = new ArrayList<>(List.of(target.args("sync", api, "--until-complete")));
      args.addAll(List.of("--page-size", "200", "--lease", "3s"));
      try (ConnectorProcess first = ConnectorProcess.start(args)) {
        awaitLease(target, first);
        sleep(1_500);
        first.signal("KILL");
        first.waitFor(Duration.ofSeconds(30));
      }
      long started = System.nanoTime();
      ConnectorProcess.Finished second = ConnectorProcess.run(args, Duration.ofMinutes(3));

      assertThat(second.code()).as(second.err()).isZero();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(2));
      Truth.assertExact(api, "users", UsersConnector.USERS, target);
    }
  }

  /** Waits until {@code process} holds the connector's lease row. */
  private static void awaitLease(SyncTarget target, ConnectorProcess process) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!target
          .query("SELECT 1 FROM _pfsync.leases WHERE connector_id = ?", target.connectorId())
          .isEmpty()) {
        return;
      }
      assertThat(process.isAlive()).as(process.err()).isTrue();
      sleep(100);
    }
    throw new AssertionError("no lease within 60 s: " + process.err());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
