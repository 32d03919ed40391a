package dev.pfsync.it.realworld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.connector.UsersConnector;
import dev.pfsync.it.support.CliResult;
import dev.pfsync.it.support.InProcessCli;
import dev.pfsync.it.support.MockApi;
import dev.pfsync.it.support.SyncTarget;
import dev.pfsync.it.support.Truth;
import dev.pfsync.mockapi.MockApiOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API's clock a minute behind or ahead of the connector's (mock-api {@code --clock-offset}): it
 * stamps its rows, mutations and Date header with its own time. Rows changed right after a
 * completed backfill, and during one, some of them committing 1.5 s after they were stamped (within
 * the default 2 s settle), all land. Before, with the API behind, the incremental cursor jumped to
 * the connector's {@code now - settle}, past rows the API stamped later.
 */
class ClockSkewIT {
  private static final Clock WALL = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
  // The same history-start on every sync: another one would (rightly) extend the backfill.
  private static final String HISTORY = "--history-start=3d";

  static MockApi api(int offsetSeconds, int users) {
    return MockApi.start(
        MockApiOptions.defaults()
            .withUsers(users)
            .withHistoryDays(2)
            .withClockOffset(Duration.ofSeconds(offsetSeconds)));
  }

  /** The connector's clock for a sync after the API stamped rows: past them on both clocks. */
  static Clock after(int offsetSeconds) {
    return offsetSeconds > 0 ? Clock.offset(WALL, Duration.ofSeconds(offsetSeconds + 5)) : WALL;
  }

  @ParameterizedTest(name = "API clock {0} s from the connector's")
  @ValueSource(ints = {-60, 60})
  void rows_changed_right_after_a_backfill_all_land(int offset) throws Exception {
    try (MockApi api = api(offset, 3_000)) {
      SyncTarget target = SyncTarget.fresh("skew_after");
      CliResult backfill =
          InProcessCli.run(WALL, target.args("sync", api, "--until-complete", HISTORY));
      assertThat(backfill.exitCode()).as(backfill.describe()).isZero();

      for (int round = 0; round < 2; round++) {
        api.mutate(30, 10, 5);
        api.mutate(Map.of("updates", 20, "inserts", 5, "deletes", 2, "commit_delay_ms", 1500));
        Thread.sleep(3_500); // the API's clock passes the stamps and the settle
        CliResult sync = InProcessCli.run(after(offset), target.args("sync", api, HISTORY));
        assertThat(sync.exitCode()).as(sync.describe()).isZero();
        Truth.assertExact(api, "users", UsersConnector.USERS, target);
      }
    }
  }

  @ParameterizedTest(name = "API clock {0} s from the connector's")
  @ValueSource(ints = {-60, 60})
  void rows_changed_during_a_backfill_all_land(int offset) throws Exception {
    try (MockApi api = api(offset, 6_000)) {
      SyncTarget target = SyncTarget.fresh("skew_during");
      api.putFaults(Map.of("latency_ms", 30)); // a backfill long enough to mutate during it
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger batches = new AtomicInteger();
      CompletableFuture<Void> mutator =
          CompletableFuture.runAsync(
              () -> {
                while (!stop.get()) {
                  int delay = batches.get() % 2 == 0 ? 0 : 1500;
                  api.mutate(
                      Map.of("updates", 8, "inserts", 3, "deletes", 1, "commit_delay_ms", delay));
                  batches.incrementAndGet();
                  sleep(150);
                }
              });
      CliResult backfill;
      try {
        backfill =
            InProcessCli.run(
                WALL,
                target.args(
                    "sync",
                    api,
                    "--until-complete",
                    HISTORY,
                    "--page-size",
                    "100",
                    "--slice",
                    "1s"));
      } finally {
        stop.set(true);
        mutator.get(30, TimeUnit.SECONDS);
      }
      assertThat(backfill.exitCode()).as(backfill.describe()).isZero();
      assertThat(batches.get()).as("mutation batches during the backfill").isGreaterThan(3);

      Thread.sleep(3_500);
      CliResult last = InProcessCli.run(after(offset), target.args("sync", api, HISTORY));
      assertThat(last.exitCode()).as(last.describe()).isZero();
      Truth.assertExact(api, "users", UsersConnector.USERS, target);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
