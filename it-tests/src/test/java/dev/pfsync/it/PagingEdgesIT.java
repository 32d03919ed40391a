package dev.pfsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pfsync.connector.UsersConnector;
import dev.pfsync.connector.verify.TruthComparison;
import dev.pfsync.it.support.CliResult;
import dev.pfsync.it.support.InProcessCli;
import dev.pfsync.it.support.MockApi;
import dev.pfsync.it.support.SyncTarget;
import dev.pfsync.it.support.TestClock;
import dev.pfsync.it.support.Truth;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Page sizes from 1 to 10000, a tie burst larger than a page, lookback, and max-duration cuts. */
class PagingEdgesIT {
  private static final Instant NOW = MockApi.NOW;

  @Test
  void a_tie_burst_larger_than_a_page_lands_whole_with_pages_of_seven() {
    try (MockApi api = MockApi.fixed(3_000)) {
      assertThat(api.server().options().effectiveBurst()).isEqualTo(750);
      syncsExactly(api, "page_7", 7);
    }
  }

  @Test
  void a_tie_burst_of_five_thousand_lands_whole_with_pages_of_a_thousand() {
    try (MockApi api = MockApi.fixed(20_000)) {
      syncsExactly(api, "page_1000", 1000);
    }
  }

  @Test
  void pages_of_one_row_sync_a_tiny_dataset_exactly() {
    try (MockApi api = MockApi.fixed(40)) {
      syncsExactly(api, "page_1", 1);
    }
  }

  @Test
  void pages_of_ten_thousand_rows_sync_exactly() {
    try (MockApi api = MockApi.fixed(30_000)) {
      syncsExactly(api, "page_10k", 10_000);
    }
  }

  @Test
  void lookback_picks_up_rows_that_arrive_behind_the_incremental_cursor() {
    try (MockApi api = MockApi.fixed(4_000)) {
      SyncTarget plain = SyncTarget.fresh("lookback_none");
      SyncTarget looking = SyncTarget.fresh("lookback_10m");
      TestClock clock = TestClock.at(NOW);
      for (SyncTarget t : List.of(plain, looking)) {
        clock.set(NOW);
        assertThat(run(clock, t.args("sync", api, "--until-complete")).exitCode()).isZero();
        clock.set(NOW.plusSeconds(3));
        assertThat(run(clock, t.args("sync", api)).exitCode()).isZero();
        Truth.assertExact(api, "users", UsersConnector.USERS, t);
      }

      // Late arrivals: stamped five minutes before what the incremental cursors have passed.
      api.setClock(NOW.minus(Duration.ofMinutes(5)));
      api.mutate(0, 20, 0);
      api.setClock(NOW.plusSeconds(10));
      clock.set(NOW.plusSeconds(13));

      assertThat(run(clock, plain.args("sync", api)).exitCode()).isZero();
      assertThat(run(clock, looking.args("sync", api, "--lookback", "10m")).exitCode()).isZero();

      TruthComparison withoutLookback = Truth.compare(api, "users", UsersConnector.USERS, plain);
      assertThat(withoutLookback.missing()).isEqualTo(20);
      Truth.assertExact(api, "users", UsersConnector.USERS, looking);
    }
  }

  @Test
  void max_duration_cuts_a_historical_run_and_the_next_runs_continue_to_an_exact_end() {
    try (MockApi api = MockApi.fixed(10_000)) {
      SyncTarget target = SyncTarget.fresh("maxdur");
      TestClock clock = TestClock.at(NOW);
      assertThat(run(clock, target.args("sync", api)).exitCode()).isZero();
      long afterIncremental = target.count("user");
      clock.tickEachRead(Duration.ofSeconds(1));

      CliResult cut = run(clock, target.args("sync", api, "--max-duration", "5s"));

      assertThat(cut.exitCode()).as(cut.describe()).isZero();
      assertThat(cut.out()).contains("pfsync summary: stopped").contains("max-duration");
      Map<String, Object> lastRun = target.runs().get(target.runs().size() - 1);
      assertThat(lastRun.get("mode")).isEqualTo("historical");
      assertThat(lastRun.get("status")).isEqualTo("stopped");
      assertThat(((Number) lastRun.get("rows_upserted")).longValue()).isPositive();
      JsonNode user = target.tableState("user");
      assertThat(user.path("historical_complete").asBoolean()).isFalse();
      Instant windowEnd = Instant.parse(user.path("historical").path("window_end").asText());
      long afterCut = target.count("user");
      assertThat(afterCut).isGreaterThan(afterIncremental).isLessThan(9_000);
      assertThat(
              target.count(
                  "user", "updated_at < ?", Timestamp.from(windowEnd.minus(Duration.ofDays(1)))))
          .isZero();

      CliResult next = run(clock, target.args("sync", api, "--max-duration", "5s"));
      assertThat(next.exitCode()).as(next.describe()).isZero();
      CliResult historical = run(clock, target.args("sync", api, "--max-duration", "5s"));
      assertThat(historical.exitCode()).as(historical.describe()).isZero();
      assertThat(target.count("user")).isGreaterThan(afterCut);

      CliResult rest = run(clock, target.args("sync", api, "--until-complete"));
      assertThat(rest.exitCode()).as(rest.describe()).isZero();
      assertThat(target.tableState("user").path("historical_complete").asBoolean()).isTrue();
      clock.advance(Duration.ofSeconds(3));
      assertThat(run(clock, target.args("sync", api)).exitCode()).isZero();
      Truth.assertExact(api, "users", UsersConnector.USERS, target);
    }
  }

  private static void syncsExactly(MockApi api, String prefix, int pageSize) {
    SyncTarget target = SyncTarget.fresh(prefix);
    TestClock clock = TestClock.at(NOW);
    String page = Integer.toString(pageSize);
    CliResult sync = run(clock, target.args("sync", api, "--until-complete", "--page-size", page));
    assertThat(sync.exitCode()).as(sync.describe()).isZero();
    clock.advance(Duration.ofSeconds(3));
    CliResult last = run(clock, target.args("sync", api, "--page-size", page));
    assertThat(last.exitCode()).as(last.describe()).isZero();

    Truth.assertExact(api, "users", UsersConnector.USERS, target);
    Instant burst = api.server().burstAt();
    assertThat(target.count("user", "updated_at = ?", Timestamp.from(burst)))
        .isEqualTo(api.server().options().effectiveBurst());
    assertThat(target.count("user")).isEqualTo(api.server().userCount());
  }

  private static CliResult run(TestClock clock, String... args) {
    return InProcessCli.run(clock, args);
  }
}
