package dev.pfsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pfsync.connector.UsersConnector;
import dev.pfsync.it.support.CliResult;
import dev.pfsync.it.support.InProcessCli;
import dev.pfsync.it.support.MockApi;
import dev.pfsync.it.support.SyncTarget;
import dev.pfsync.it.support.TestClock;
import dev.pfsync.it.support.Truth;
import dev.pfsync.it.support.UserRows;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Priority-First Sync seen from outside: the first run lands the most recent day, later runs walk
 * history backward one window at a time, the recent day is written before older days, and the end
 * result equals the source exactly (tombstones included).
 */
class PrioritySyncIT {
  private static final Instant NOW = MockApi.NOW;
  private static final Instant RECENT = NOW.minus(Duration.ofDays(1));
  private static final Instant SETTLED = NOW.minusSeconds(2);
  private static MockApi api;

  @BeforeAll
  static void startApi() {
    api = MockApi.fixed(10_000);
    // Tombstones both in the recent day and deep in history, plus updates in the recent day.
    api.setClock(NOW.minus(Duration.ofDays(10)));
    api.mutate(0, 0, 40);
    api.setClock(NOW.minus(Duration.ofHours(1)));
    api.mutate(60, 10, 30);
    api.setClock(NOW);
  }

  @AfterAll
  static void stopApi() {
    api.close();
  }

  @Test
  void first_sync_lands_only_the_most_recent_day_and_sets_next_mode_to_historical()
      throws Exception {
    SyncTarget target = SyncTarget.fresh("prio_first");
    TestClock clock = TestClock.at(NOW);

    CliResult run = InProcessCli.run(clock, target.args("sync", api));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.out()).contains("pfsync summary: succeeded");
    Map<String, UserRows> expected =
        UserRows.truth(
            api, u -> !u.updatedAt().isBefore(RECENT) && u.updatedAt().isBefore(SETTLED));
    assertThat(expected).hasSizeGreaterThan(100);
    assertThat(UserRows.destination(target)).isEqualTo(expected);
    assertThat(target.count("user", "_pfsync_deleted")).isEqualTo(30);

    JsonNode state = target.state().orElseThrow();
    assertThat(state.path("next_mode").asText()).isEqualTo("historical");
    JsonNode user = state.path("tables").path("user");
    assertThat(user.path("historical_complete").asBoolean()).isFalse();
    assertThat(Instant.parse(user.path("historical").path("window_end").asText()))
        .isEqualTo(RECENT);

    CliResult printed = InProcessCli.run(clock, target.args("state", api));
    assertThat(printed.exitCode()).as(printed.describe()).isZero();
    assertThat(new ObjectMapper().readTree(printed.out())).isEqualTo(state);
  }

  @Test
  void later_runs_backfill_history_backward_one_window_at_a_time_and_end_exact() {
    SyncTarget target = SyncTarget.fresh("prio_walk");
    TestClock clock = TestClock.at(NOW);
    assertThat(InProcessCli.run(clock, target.args("sync", api)).exitCode()).isZero();
    Map<String, UserRows> truth = UserRows.truth(api);
    // From here every clock read costs a second: a 1s max-duration ends each run after its first
    // page that moves a cursor, so the backfill takes many scheduled runs.
    clock.tickEachRead(Duration.ofSeconds(1));

    List<Instant> windowEnds = new ArrayList<>();
    windowEnds.add(RECENT);
    boolean complete = false;
    for (int i = 0; i < 300 && !complete; i++) {
      CliResult run = InProcessCli.run(clock, target.args("sync", api, "--max-duration", "1s"));
      assertThat(run.exitCode()).as(run.describe()).isZero();
      JsonNode user = target.tableState("user");
      complete = user.path("historical_complete").asBoolean();
      if (complete) {
        break;
      }
      Instant windowEnd = Instant.parse(user.path("historical").path("window_end").asText());
      Instant limit = Instant.parse(user.path("historical").path("limit").asText());
      Instant windowStart = max(limit, windowEnd.minus(Duration.ofDays(1)));
      Instant last = windowEnds.get(windowEnds.size() - 1);
      assertThat(windowEnd).isBeforeOrEqualTo(last);
      if (!windowEnd.equals(last)) {
        assertThat(Duration.between(windowEnd, last)).isEqualTo(Duration.ofDays(1));
        windowEnds.add(windowEnd);
      }
      // Nothing older than the current window has landed; all of [window_end, now) has.
      assertThat(target.count("user", "updated_at < ?", Timestamp.from(windowStart))).isZero();
      long landed = target.count("user", "updated_at >= ?", Timestamp.from(windowEnd));
      long expected =
          truth.values().stream().filter(u -> !u.updatedAt().isBefore(windowEnd)).count();
      assertThat(landed).isEqualTo(expected);
    }
    assertThat(complete).as("backfill completes within 300 runs").isTrue();
    assertThat(windowEnds).hasSizeGreaterThanOrEqualTo(29);

    assertThat(InProcessCli.run(clock, target.args("sync", api)).exitCode()).isZero();
    Truth.assertExact(api, "users", UsersConnector.USERS, target);
    assertThat(UserRows.destination(target)).isEqualTo(truth);
    assertThat(target.count("user", "_pfsync_deleted")).isEqualTo(70);
    assertThat(target.count("user", "_pfsync_deleted <> (deleted_at IS NOT NULL)")).isZero();
  }

  @Test
  void until_complete_writes_the_recent_day_before_any_older_row_and_ends_exact() {
    SyncTarget target = SyncTarget.fresh("prio_order");
    TestClock clock = TestClock.at(NOW);

    CliResult run = InProcessCli.run(clock, target.args("sync", api, "--until-complete"));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(target.tableState("user").path("historical_complete").asBoolean()).isTrue();
    Map<String, Object> times =
        target
            .query(
                "SELECT max(_pfsync_synced_at) FILTER (WHERE updated_at >= ?) AS recent_last,"
                    + " min(_pfsync_synced_at) FILTER (WHERE updated_at < ?) AS old_first,"
                    + " count(*) FILTER (WHERE updated_at >= ?) AS recent,"
                    + " count(*) FILTER (WHERE updated_at < ?) AS old FROM "
                    + target.qualified("user"),
                Timestamp.from(RECENT),
                Timestamp.from(RECENT),
                Timestamp.from(RECENT),
                Timestamp.from(RECENT))
            .get(0);
    assertThat((Long) times.get("recent")).isGreaterThan(100);
    assertThat((Long) times.get("old")).isGreaterThan(5_000);
    assertThat(((Timestamp) times.get("recent_last")).toInstant())
        .isBefore(((Timestamp) times.get("old_first")).toInstant());

    // The last seconds before "now" are read once the clock has moved past the settle time.
    clock.advance(Duration.ofSeconds(3));
    assertThat(InProcessCli.run(clock, target.args("sync", api)).exitCode()).isZero();
    Truth.assertExact(api, "users", UsersConnector.USERS, target);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
