package dev.pfsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pfsync.it.support.CliResult;
import dev.pfsync.it.support.ConnectorJar;
import dev.pfsync.it.support.MockApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar with {@code PFSYNC_EMBEDDED=always}: it starts its own PostgreSQL in {@code
 * ./.pfsync/postgres} (even though localhost:5432 answers), says so in one line, and a later run
 * finds the data and state there. If the embedded server cannot start here, this test fails with
 * the connector's message: it is never skipped.
 */
class EmbeddedPostgresIT {
  private static final Map<String, String> EMBEDDED = Map.of("PFSYNC_EMBEDDED", "always");

  @TempDir Path workDir;

  @Test
  void the_embedded_database_is_announced_used_and_reused_across_runs() throws Exception {
    try (MockApi api = MockApi.wallClock(2_000)) {
      String url = api.baseUrl();

      CliResult first = jar("sync", "--api-url", url, "--until-complete", "--settle", "0s");

      assertThat(first.exitCode()).as(first.describe()).isZero();
      assertThat(first.errLines().stream().filter(l -> l.contains("embedded PostgreSQL")))
          .as(first.describe())
          .singleElement()
          .asString()
          .contains(".pfsync/postgres");
      assertThat(first.out()).contains("pfsync summary: succeeded").contains("holds 2,000 rows");
      assertThat(workDir.resolve(".pfsync/postgres/PG_VERSION")).exists();

      CliResult state = jar("state", "--api-url", url);
      assertThat(state.exitCode()).as(state.describe()).isZero();
      JsonNode json = new ObjectMapper().readTree(state.out());
      assertThat(json.at("/tables/user/historical_complete").asBoolean()).isTrue();

      CliResult second = jar("sync", "--api-url", url, "--settle", "0s");
      assertThat(second.exitCode()).as(second.describe()).isZero();
      assertThat(second.out()).contains("[incremental]").contains("holds 2,000 rows");

      CliResult verify = jar("verify", "--api-url", url);
      assertThat(verify.exitCode()).as(verify.describe()).isZero();
      assertThat(verify.out()).contains("MATCH").doesNotContain("MISMATCH");
    }
    assertThat(Files.list(workDir.resolve(".pfsync/postgres")).count()).isPositive();
  }

  private CliResult jar(String... args) {
    return ConnectorJar.run(workDir, EMBEDDED, ConnectorJar.DEFAULT_TIMEOUT, args);
  }
}
