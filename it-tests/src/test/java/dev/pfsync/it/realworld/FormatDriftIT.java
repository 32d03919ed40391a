package dev.pfsync.it.realworld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.it.support.CliResult;
import dev.pfsync.it.support.InProcessCli;
import dev.pfsync.it.support.StubUsersApi;
import dev.pfsync.it.support.SyncTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An API whose timestamp format drifts. Where the meaning is plain (PostgreSQL's own {@code
 * 2024-01-01 10:00:00+00}) every record loads; where it is not, the run fails naming the field and
 * an example instead of ending as an empty table with exit 0, as it did before.
 */
class FormatDriftIT {
  private static final Clock WALL = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));

  static StubUsersApi api(int users, String createdAt) {
    StubUsersApi api = StubUsersApi.start();
    Instant now = Instant.now();
    for (int i = 0; i < users; i++) {
      api.user(now.minusSeconds(3_600 + i), "u" + (10_000 + i), createdAt);
    }
    return api;
  }

  @Test
  void a_timestamp_printed_as_postgresql_prints_it_loads_every_record() {
    try (StubUsersApi api = api(300, "\"2024-01-01 10:00:00+00\"")) {
      SyncTarget target = SyncTarget.fresh("drift_ok");

      CliResult sync =
          InProcessCli.run(WALL, target.args("sync", api.baseUrl(), "--until-complete"));

      assertThat(sync.exitCode()).as(sync.describe()).isZero();
      assertThat(target.count("user")).isEqualTo(300);
      assertThat(
              target.count("user", "created_at = ?", OffsetDateTime.parse("2024-01-01T10:00:00Z")))
          .isEqualTo(300);
    }
  }

  @Test
  void a_format_that_cannot_be_read_fails_the_run_naming_the_field_and_an_example() {
    try (StubUsersApi api = api(300, "\"01/02/2024 10:00\"")) {
      SyncTarget target = SyncTarget.fresh("drift_bad");

      CliResult sync =
          InProcessCli.run(WALL, target.args("sync", api.baseUrl(), "--until-complete"));

      assertThat(sync.exitCode()).as(sync.describe()).isEqualTo(1);
      assertThat(sync.err())
          .contains("field createdAt")
          .contains("01/02/2024 10:00")
          .contains("--max-rejected 5%");
      assertThat(target.count("user")).isZero();
      assertThat(target.runs()).last().extracting(r -> r.get("status")).isEqualTo("failed");
    }
  }

  @Test
  void with_a_higher_max_rejected_the_sync_goes_on_and_keeps_what_it_rejected() {
    try (StubUsersApi api = api(300, "\"01/02/2024 10:00\"")) {
      api.user(Instant.now().minusSeconds(60), "good", "\"2024-01-01T10:00:00Z\"");
      SyncTarget target = SyncTarget.fresh("drift_kept");

      CliResult sync =
          InProcessCli.run(
              WALL,
              target.args("sync", api.baseUrl(), "--until-complete", "--max-rejected", "100%"));

      assertThat(sync.exitCode()).as(sync.describe()).isZero();
      assertThat(sync.out()).contains("300 record(s) rejected");
      assertThat(target.count("user")).isEqualTo(1);
      assertThat(
              target.query(
                  "SELECT count(*) AS n FROM _pfsync.rejected WHERE connector_id = ?",
                  target.connectorId()))
          .containsExactly(Map.of("n", 300L));
    }
  }
}
