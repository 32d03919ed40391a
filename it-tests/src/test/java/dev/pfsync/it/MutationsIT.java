package dev.pfsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pfsync.connector.UsersConnector;
import dev.pfsync.it.support.CliResult;
import dev.pfsync.it.support.InProcessCli;
import dev.pfsync.it.support.MockApi;
import dev.pfsync.it.support.SyncTarget;
import dev.pfsync.it.support.TestClock;
import dev.pfsync.it.support.Truth;
import dev.pfsync.it.support.UserRows;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Updates, inserts and deletes at the source, between runs and during a backfill, end exact. */
class MutationsIT {

  @Test
  void updates_inserts_and_deletes_between_runs_land_with_their_latest_version() {
    try (MockApi api = MockApi.fixed(8_000)) {
      SyncTarget target = SyncTarget.fresh("mut_between");
      TestClock clock = TestClock.at(MockApi.NOW);
      assertThat(run(clock, target.args("sync", api, "--until-complete")).exitCode()).isZero();

      Instant t = MockApi.NOW;
      for (int round = 0; round < 3; round++) {
        t = t.plusSeconds(60);
        api.setClock(t);
        JsonNode changed = api.mutate(120, 40, 25);
        clock.set(t.plusSeconds(3));

        CliResult sync = run(clock, target.args("sync", api));

        assertThat(sync.exitCode()).as(sync.describe()).isZero();
        Truth.assertExact(api, "users", UsersConnector.USERS, target);
        Map<String, UserRows> dest = UserRows.destination(target);
        for (JsonNode id : changed.get("deleted")) {
          assertThat(dest.get(id.asText()).deleted()).isTrue();
          assertThat(dest.get(id.asText()).deletedAt()).isEqualTo(t);
        }
        for (String kind : new String[] {"updated", "inserted"}) {
          for (JsonNode id : changed.get(kind)) {
            assertThat(dest.get(id.asText()).updatedAt()).isEqualTo(t);
            assertThat(dest.get(id.asText()).deleted()).isFalse();
          }
        }
      }
      assertThat(target.count("user", "_pfsync_deleted")).isEqualTo(75);
    }
  }

  @Test
  void mutations_during_a_long_backfill_with_small_pages_all_end_exact() throws Exception {
    try (MockApi api = MockApi.fixed(10_000)) {
      SyncTarget target = SyncTarget.fresh("mut_during");
      TestClock clock = TestClock.at(MockApi.NOW);
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger batches = new AtomicInteger();
      // Each step moves the connector's clock first, then the API's, then mutates: a mutation is
      // never stamped before the connector's "now", so the settle time keeps its promise.
      CompletableFuture<Void> mutator =
          CompletableFuture.runAsync(
              () -> {
                while (!stop.get()) {
                  clock.advance(Duration.ofSeconds(1));
                  api.setClock(clock.peek());
                  api.mutate(15, 5, 3);
                  batches.incrementAndGet();
                  sleep(40);
                }
              });

      CliResult sync;
      try {
        sync =
            run(
                clock,
                target.args("sync", api, "--until-complete", "--page-size", "50", "--slice", "3s"));
      } finally {
        stop.set(true);
        mutator.get(30, TimeUnit.SECONDS);
      }

      assertThat(sync.exitCode()).as(sync.describe()).isZero();
      assertThat(batches.get()).as("mutation batches during the backfill").isGreaterThan(10);
      long incrementalRuns =
          target.runs().stream().filter(r -> "incremental".equals(r.get("mode"))).count();
      assertThat(incrementalRuns).as("incremental runs interleaved").isGreaterThan(3);

      clock.advance(Duration.ofSeconds(3));
      CliResult last = run(clock, target.args("sync", api));
      assertThat(last.exitCode()).as(last.describe()).isZero();
      Truth.assertExact(api, "users", UsersConnector.USERS, target);
      assertThat(UserRows.destination(target)).isEqualTo(UserRows.truth(api));
      assertThat(target.count("user", "_pfsync_deleted")).isEqualTo(3L * batches.get());
    }
  }

  private static CliResult run(TestClock clock, String... args) {
    return InProcessCli.run(clock, args);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
