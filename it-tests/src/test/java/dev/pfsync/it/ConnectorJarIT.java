package dev.pfsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pfsync.connector.UsersConnector;
import dev.pfsync.it.support.CliResult;
import dev.pfsync.it.support.ConnectorJar;
import dev.pfsync.it.support.MockApi;
import dev.pfsync.it.support.SyncTarget;
import dev.pfsync.it.support.Truth;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The fat jar end to end, as a user runs it: sync, state, verify, check. */
class ConnectorJarIT {

  @Test
  void the_jar_syncs_until_complete_then_reports_state_verifies_and_follows_mutations()
      throws Exception {
    try (MockApi api = MockApi.wallClock(20_000)) {
      SyncTarget target = SyncTarget.fresh("jar_e2e");

      CliResult sync =
          ConnectorJar.run(target.args("sync", api, "--until-complete", "--settle", "0s"));

      assertThat(sync.exitCode()).as(sync.describe()).isZero();
      assertThat(sync.out())
          .contains("pfsync summary: succeeded")
          .containsPattern("upserted 20,000 .*backfill complete")
          .contains("holds 20,000 rows");
      Truth.assertExact(api, "users", UsersConnector.USERS, target);

      CliResult state = ConnectorJar.run(target.args("state", api));
      assertThat(state.exitCode()).as(state.describe()).isZero();
      JsonNode printed = new ObjectMapper().readTree(state.out());
      assertThat(printed).isEqualTo(target.state().orElseThrow());
      assertThat(printed.at("/tables/user/historical_complete").asBoolean()).isTrue();
      assertThat(printed.path("version").asInt()).isEqualTo(1);

      CliResult verify = ConnectorJar.run(target.args("verify", api));
      assertThat(verify.exitCode()).as(verify.describe()).isZero();
      assertThat(verify.out()).contains("MATCH").doesNotContain("MISMATCH");

      api.mutate(200, 50, 30);
      // The incremental bound is a whole second: rows stamped in the current second are read by a
      // run that starts after it, never by one inside it (more could still arrive).
      Thread.sleep(1_100);
      CliResult incremental = ConnectorJar.run(target.args("sync", api, "--settle", "0s"));
      assertThat(incremental.exitCode()).as(incremental.describe()).isZero();
      assertThat(incremental.out()).contains("[incremental]").contains("deleted 30");
      CliResult verifyAgain = ConnectorJar.run(target.args("verify", api));
      assertThat(verifyAgain.exitCode()).as(verifyAgain.describe()).isZero();
      Truth.assertExact(api, "users", UsersConnector.USERS, target);
    }
  }

  @Test
  void check_succeeds_against_a_running_api_and_fails_against_a_dead_port() throws Exception {
    try (MockApi api = MockApi.wallClock(1_000)) {
      SyncTarget target = SyncTarget.fresh("jar_check");

      CliResult ok = ConnectorJar.run(target.args("check", api));

      assertThat(ok.exitCode()).as(ok.describe()).isZero();
      assertThat(ok.out()).contains("api: ok").contains("database: ok");

      CliResult dead = ConnectorJar.run(target.args("check", "http://127.0.0.1:" + deadPort()));

      assertThat(dead.exitCode()).as(dead.describe()).isEqualTo(1);
      assertThat(dead.out()).contains("api: FAILED").contains("database: ok");
    }
  }

  private static int deadPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
