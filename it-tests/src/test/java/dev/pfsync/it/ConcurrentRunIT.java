package dev.pfsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.connector.UsersConnector;
import dev.pfsync.it.support.CliResult;
import dev.pfsync.it.support.ConnectorJar;
import dev.pfsync.it.support.InProcessCli;
import dev.pfsync.it.support.MockApi;
import dev.pfsync.it.support.SyncTarget;
import dev.pfsync.it.support.TestClock;
import dev.pfsync.it.support.Truth;
import dev.pfsync.postgres.PostgresDestination;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One connector id runs at a time: a second run exits 1, says why, and changes nothing. */
class ConcurrentRunIT {

  @Test
  void a_second_run_while_the_lock_is_held_exits_1_and_changes_nothing() {
    try (MockApi api = MockApi.fixed(2_000)) {
      SyncTarget target = SyncTarget.fresh("lock_held");
      TestClock clock = TestClock.at(MockApi.NOW);
      assertThat(InProcessCli.run(clock, target.args("sync", api)).exitCode()).isZero();
      var stateBefore = target.state().orElseThrow();
      long rowsBefore = target.count("user");
      int runsBefore = target.runs().size();

      CliResult second;
      try (PostgresDestination holder = target.destination()) {
        holder.open(target.connectorId(), List.of(UsersConnector.USER));
        clock.advance(Duration.ofSeconds(30));
        second = InProcessCli.run(clock, target.args("sync", api, "--until-complete"));
      }

      assertThat(second.exitCode()).as(second.describe()).isEqualTo(1);
      assertThat(second.errLines())
          .singleElement()
          .asString()
          .contains("pfsync: error:", "'" + target.connectorId() + "'", "already running");
      assertThat(target.state()).contains(stateBefore);
      assertThat(target.count("user")).isEqualTo(rowsBefore);
      assertThat(target.runs()).hasSize(runsBefore);

      CliResult afterRelease = InProcessCli.run(clock, target.args("sync", api));
      assertThat(afterRelease.exitCode()).as(afterRelease.describe()).isZero();
    }
  }

  @Test
  void the_jar_started_during_a_slow_in_process_run_exits_1_and_the_first_run_ends_exact()
      throws Exception {
    try (MockApi api = MockApi.wallClock(2_000)) {
      SyncTarget target = SyncTarget.fresh("lock_slow");
      api.putFaults(Map.of("latency_ms", 150));
      CompletableFuture<CliResult> first =
          CompletableFuture.supplyAsync(
              () ->
                  InProcessCli.run(
                      Clock.systemUTC(),
                      target.args(
                          "sync", api, "--until-complete", "--page-size", "20", "--settle", "0s")));
      waitForFirstRows(target);

      CliResult second =
          ConnectorJar.run(
              Path.of("."),
              Map.of(),
              ConnectorJar.DEFAULT_TIMEOUT,
              target.args("sync", api, "--settle", "0s"));
      boolean firstStillRunning = !first.isDone();
      api.putFaults(Map.of());
      CliResult firstResult = first.get(3, TimeUnit.MINUTES);

      assertThat(firstStillRunning).as("the first run outlived the second").isTrue();
      assertThat(second.exitCode()).as(second.describe()).isEqualTo(1);
      assertThat(second.err()).contains("already running");
      assertThat(firstResult.exitCode()).as(firstResult.describe()).isZero();
      assertThat(target.runs()).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("succeeded"));
      Truth.assertExact(api, "users", UsersConnector.USERS, target);
    }
  }

  private static void waitForFirstRows(SyncTarget target) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        if (target.count("user") > 0) {
          return;
        }
      } catch (IllegalStateException tableNotYetCreated) {
        // the first run has not created its table yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the first run wrote nothing within 60 s");
  }
}
