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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A state belongs to one schema and one source; a changed history-start is applied. Before, another
 * --schema with the same connector id left the new schema empty with "backfill complete" and exit
 * 0, and an earlier --history-start after a completed backfill never read the added range.
 */
class StateIdentityIT {
  private static final Clock WALL = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));

  @Test
  void another_schema_or_source_for_the_same_connector_id_exits_2_naming_both() {
    try (MockApi api = MockApi.wallClock(2_000);
        MockApi other = MockApi.wallClock(10)) {
      SyncTarget target = SyncTarget.fresh("ident");
      CliResult first = InProcessCli.run(WALL, target.args("sync", api, "--until-complete"));
      assertThat(first.exitCode()).as(first.describe()).isZero();

      String[] otherSchema = target.args("sync", api);
      List<String> args = new ArrayList<>(List.of(otherSchema));
      args.set(args.indexOf("--schema") + 1, target.schema() + "_other");
      CliResult schema = InProcessCli.run(WALL, args.toArray(String[]::new));
      assertThat(schema.exitCode()).as(schema.describe()).isEqualTo(2);
      assertThat(schema.errLines()).hasSize(1);
      assertThat(schema.err())
          .contains("schema " + target.schema() + " ")
          .contains("schema " + target.schema() + "_other");

      CliResult source = InProcessCli.run(WALL, target.args("sync", other));
      assertThat(source.exitCode()).as(source.describe()).isEqualTo(2);
      assertThat(source.errLines()).hasSize(1);
      assertThat(source.err()).contains(api.baseUrl()).contains(other.baseUrl());

      assertThat(target.count("user")).isEqualTo(2_000); // nothing was touched
    }
  }

  @Test
  void an_earlier_history_start_after_a_completed_backfill_reads_the_added_range() {
    try (MockApi api =
        MockApi.start(MockApiOptions.defaults().withUsers(4_000).withHistoryDays(10))) {
      SyncTarget target = SyncTarget.fresh("ident_hist");
      CliResult three =
          InProcessCli.run(
              WALL, target.args("sync", api, "--until-complete", "--history-start", "3d"));
      assertThat(three.exitCode()).as(three.describe()).isZero();
      assertThat(target.count("user")).isLessThan(4_000);

      CliResult eleven =
          InProcessCli.run(
              WALL, target.args("sync", api, "--until-complete", "--history-start", "11d"));

      assertThat(eleven.exitCode()).as(eleven.describe()).isZero();
      Truth.assertExact(api, "users", UsersConnector.USERS, target);
      assertThat(target.state().orElseThrow().path("history_start").asText()).isEqualTo("PT264H");
    }
  }
}
