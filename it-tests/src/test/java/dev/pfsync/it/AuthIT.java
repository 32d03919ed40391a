package dev.pfsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.connector.UsersConnector;
import dev.pfsync.it.support.CliResult;
import dev.pfsync.it.support.ConnectorJar;
import dev.pfsync.it.support.InProcessCli;
import dev.pfsync.it.support.MockApi;
import dev.pfsync.it.support.SyncTarget;
import dev.pfsync.it.support.Truth;
import dev.pfsync.mockapi.MockApiOptions;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A token-protected API: the right token syncs, a wrong one fails clearly without echoing it. */
class AuthIT {
  private static final String TOKEN = "tok-Right-7f3a9c";
  private static final String WRONG = "tok-Wrong-b81e44";
  private static MockApi api;

  @BeforeAll
  static void startApi() {
    api = MockApi.start(MockApiOptions.defaults().withUsers(3_000).withToken(TOKEN));
  }

  @AfterAll
  static void stopApi() {
    api.close();
  }

  @Test
  void the_right_token_syncs_exactly() {
    SyncTarget target = SyncTarget.fresh("auth_ok");

    CliResult r =
        InProcessCli.run(
            Clock.systemUTC(),
            target.args("sync", api, "--until-complete", "--settle", "0s", "--api-token", TOKEN));

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.out() + r.err()).doesNotContain(TOKEN);
    Truth.assertExact(api, "users", UsersConnector.USERS, target);
  }

  @Test
  void a_wrong_token_fails_with_a_clear_message_that_does_not_contain_it() {
    SyncTarget target = SyncTarget.fresh("auth_bad");

    CliResult r = ConnectorJar.run(target.args("sync", api, "--api-token", WRONG, "--verbose"));

    assertThat(r.exitCode()).as(r.describe()).isIn(1, 2);
    assertThat(r.err()).contains("credentials").contains("401");
    assertThat(r.out() + r.err()).doesNotContain(WRONG).doesNotContain(TOKEN);
    assertThat(target.count("user")).isZero();
  }

  @Test
  void no_token_and_a_wrong_token_through_check_fail_without_echoing_it() {
    SyncTarget target = SyncTarget.fresh("auth_chk");

    CliResult none = ConnectorJar.run(target.args("sync", api));
    CliResult check = ConnectorJar.run(target.args("check", api, "--api-token", WRONG));

    assertThat(none.exitCode()).as(none.describe()).isIn(1, 2);
    assertThat(none.err()).contains("401");
    // A wrong token is bad configuration: exit 2, as sync does, with one line on stderr.
    assertThat(check.exitCode()).as(check.describe()).isEqualTo(2);
    assertThat(check.out()).contains("api: FAILED").contains("401");
    assertThat(check.err().strip().lines()).hasSize(1).allMatch(l -> l.contains("401"));
    assertThat(check.out() + check.err()).doesNotContain(WRONG);
  }
}
