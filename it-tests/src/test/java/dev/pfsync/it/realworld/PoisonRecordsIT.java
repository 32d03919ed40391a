package dev.pfsync.it.realworld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.it.support.CliResult;
import dev.pfsync.it.support.InProcessCli;
import dev.pfsync.it.support.StubUsersApi;
import dev.pfsync.it.support.SyncTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One record PostgreSQL cannot hold does not stop a sync for good: it is rejected (kept in {@code
 * _pfsync.rejected} with its reason), the rows around it load, and later runs go on. Before, every
 * later run exited 1 at the same page.
 */
class PoisonRecordsIT {
  private static final Clock WALL = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));

  static String user(String id, Instant at, String extra) {
    return "{\"id\":\""
        + id
        + "\",\"name\":\"n\",\"createdAt\":\"2024-01-01T00:00:00Z\",\"updatedAt\":\""
        + at
        + "\",\"deletedAt\":null"
        + extra
        + "}";
  }

  @Test
  void poison_values_are_rejected_and_kept_and_the_sync_goes_on() throws Exception {
    try (StubUsersApi api = StubUsersApi.start()) {
      Instant t = Instant.now().minusSeconds(3_600);
      for (int i = 0; i < 200; i++) {
        api.add(
            t.plusSeconds(i), "good" + (1000 + i), user("good" + (1000 + i), t.plusSeconds(i), ""));
      }
      Map<String, String> poison =
          Map.of(
              "nul\\u0000key", "",
              "year10000", ",\"createdAt\":\"+10000-01-01T00:00:00Z\"",
              "twoIds", ",\"ID\":\"other\"",
              "hugeNumber", ",\"score\":1e999999999",
              "longName", ",\"" + "x".repeat(64) + "\":1",
              "emptyName", ",\"\":1",
              "systemName", ",\"_pfsync_x\":1");
      int k = 0;
      for (var e : poison.entrySet()) {
        Instant at = t.plusSeconds(10 + 20L * k++).plusMillis(500);
        String id = e.getKey();
        String json = user(id, at, e.getValue());
        if (!e.getValue().isEmpty() && e.getValue().startsWith(",\"createdAt\"")) {
          json = json.replace("\"createdAt\":\"2024-01-01T00:00:00Z\",", "");
        }
        api.add(at, id.replace("\\u0000", "\u0000"), json);
      }
      SyncTarget target = SyncTarget.fresh("poison");

      CliResult first =
          InProcessCli.run(WALL, target.args("sync", api.baseUrl(), "--until-complete"));

      assertThat(first.exitCode()).as(first.describe()).isZero();
      assertThat(target.count("user")).isEqualTo(200);
      List<Map<String, Object>> rejected =
          target.query(
              "SELECT key, field, reason, record FROM _pfsync.rejected WHERE connector_id = ?"
                  + " ORDER BY key",
              target.connectorId());
      assertThat(rejected).hasSize(poison.size());
      assertThat(rejected)
          .extracting(r -> (String) r.get("key"))
          .contains("nul\\u0000key", "year10000", "twoIds", "hugeNumber");
      assertThat(first.out()).contains(poison.size() + " record(s) rejected");

      // Not stuck: new rows after the poison load on the next runs.
      Instant later = Instant.now();
      api.add(later, "after", user("after", later, ""));
      Thread.sleep(3_000);
      CliResult next = InProcessCli.run(WALL, target.args("sync", api.baseUrl()));
      assertThat(next.exitCode()).as(next.describe()).isZero();
      assertThat(target.count("user", "id = 'after'")).isEqualTo(1);
    }
  }
}
