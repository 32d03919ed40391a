package dev.pfsync.it.realworld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.it.support.CliResult;
import dev.pfsync.it.support.InProcessCli;
import dev.pfsync.it.support.StubUsersApi;
import dev.pfsync.it.support.SyncTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * An API that ignores {@code limit} is a protocol violation: the run fails cleanly, nothing moves.
 */
class ProtocolBoundsIT {
  private static final Clock WALL = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));

  @Test
  void a_page_with_more_rows_than_the_limit_fails_the_run_and_keeps_the_last_good_checkpoint()
      throws InterruptedException {
    try (StubUsersApi api = StubUsersApi.start()) {
      Instant now = Instant.now();
      for (int i = 0; i < 60_000; i++) {
        api.user(now.minusSeconds(7_200).plusMillis(i), "u" + (100_000 + i), "null");
      }
      SyncTarget target = SyncTarget.fresh("over_limit");
      CliResult good =
          InProcessCli.run(WALL, target.args("sync", api.baseUrl(), "--until-complete"));
      assertThat(good.exitCode()).as(good.describe()).isZero();
      String state = target.state().orElseThrow().toString();
      long rows = target.count("user");

      api.ignoreLimit();
      Instant later = Instant.now();
      for (int i = 0; i < 60_000; i++) {
        api.user(later.plusNanos(i * 1_000L), "v" + (100_000 + i), "null");
      }
      Thread.sleep(3_000); // past the settle on the API's clock
      CliResult bad = InProcessCli.run(WALL, target.args("sync", api.baseUrl()));

      assertThat(bad.exitCode()).as(bad.describe()).isEqualTo(1);
      assertThat(bad.err()).contains("more than limit=1000 rows");
      assertThat(target.state().orElseThrow().toString()).isEqualTo(state);
      assertThat(target.count("user")).isEqualTo(rows);
    }
  }
}
