package dev.pfsync.it.realworld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.connector.UsersConnector;
import dev.pfsync.connector.cli.GracefulStop;
import dev.pfsync.it.support.CliResult;
import dev.pfsync.it.support.InProcessCli;
import dev.pfsync.it.support.MockApi;
import dev.pfsync.it.support.SyncTarget;
import dev.pfsync.it.support.Truth;
import dev.pfsync.postgres.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code sync --follow} as a service: the server kills its idle connections between intervals
 * ({@code idle_session_timeout}, SQLState 57P05) and an operator kills them mid-run; the daemon
 * keeps syncing, exactly, and stops at a checkpoint when asked, even during a long Retry-After.
 * Before, the first idle kill ended it with exit 1.
 */
class FollowServiceIT {
  private static final Clock WALL = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));

  @Test
  void follow_survives_idle_kills_and_terminated_connections_and_stays_exact() throws Exception {
    try (MockApi api = MockApi.wallClock(5_000)) {
      TestDatabase db = TestDatabase.get();
      TestDatabase killing = db.withParameters("options=-c%20idle_session_timeout%3D1000");
      SyncTarget target =
          new SyncTarget(killing, db.freshSchema("follow_idle"), db.connectorId("follow-idle"));
      GracefulStop stop = GracefulStop.manual();
      CompletableFuture<CliResult> daemon =
          CompletableFuture.supplyAsync(
              () ->
                  InProcessCli.run(
                      WALL,
                      Map.of(),
                      stop,
                      target.args("sync", api, "--follow", "--interval", "2s")));

      for (int round = 0; round < 4; round++) {
        Thread.sleep(2_500); // longer than the idle timeout: the daemon's sessions get killed
        api.mutate(40, 10, 5);
        if (round == 2) {
          db.execute(
              "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                  + " WHERE application_name = 'pfsync' AND pid <> pg_backend_pid()");
        }
      }
      Thread.sleep(8_000); // a row lands within interval + settle + 1 s of its stamp
      stop.request();
      CliResult result = daemon.get(60, TimeUnit.SECONDS);

      assertThat(result.exitCode()).as(result.describe()).isEqualTo(143);
      Truth.assertExact(api, "users", UsersConnector.USERS, target);
    }
  }

  @Test
  void a_stop_during_a_long_retry_after_wait_ends_the_run_within_seconds() throws Exception {
    try (MockApi api = MockApi.wallClock(2_000)) {
      SyncTarget target = SyncTarget.fresh("stop_wait");
      CliResult first = InProcessCli.run(WALL, target.args("sync", api, "--until-complete"));
      assertThat(first.exitCode()).as(first.describe()).isZero();
      String state = target.state().orElseThrow().toString();
      api.putFaults(Map.of("error_rate", 1.0, "error_status", 429, "retry_after_s", 120));
      GracefulStop stop = GracefulStop.manual();
      CompletableFuture<CliResult> sync =
          CompletableFuture.supplyAsync(
              () -> InProcessCli.run(WALL, Map.of(), stop, target.args("sync", api, "--follow")));

      Thread.sleep(1_500);
      long asked = System.nanoTime();
      stop.request();
      CliResult result = sync.get(60, TimeUnit.SECONDS);

      assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(3));
      assertThat(result.exitCode()).as(result.describe()).isEqualTo(143);
      assertThat(target.state().orElseThrow().toString()).isEqualTo(state);
    }
  }
}
