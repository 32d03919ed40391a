package dev.pfsync.connector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.ConfigurationException;
import dev.pfsync.core.HistoryStart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigResolverTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private ConnectorConfig resolve(Map<String, String> env, Map<Setting, String> flags, Path file) {
    return new ConfigResolver(env, CLOCK).resolve(flags, Optional.ofNullable(file));
  }

  @Test
  void defaults_match_the_design() {
    ConnectorConfig c = resolve(Map.of(), Map.of(), null);
    assertThat(c.apiUrl().toString()).isEqualTo("http://127.0.0.1:5001");
    assertThat(c.apiToken()).isEmpty();
    assertThat(c.database().jdbcUrl()).isEmpty();
    assertThat(c.database().user()).isEqualTo("postgres");
    assertThat(c.database().schema()).isEqualTo("pfsync_users");
    assertThat(c.sync().connectorId()).isEqualTo("users");
    assertThat(c.sync().pageSize()).isEqualTo(1000);
    assertThat(c.sync().window()).isEqualTo(Duration.ofDays(1));
    assertThat(c.sync().recent()).isEqualTo(Duration.ofDays(1));
    assertThat(c.sync().historyStart()).isEqualTo(new HistoryStart.Ago(Duration.ofDays(30)));
    assertThat(c.sync().maxDuration()).isEqualTo(Duration.ofHours(6));
    assertThat(c.sync().lookback()).isZero();
    assertThat(c.sync().settle()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.slice()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void flags_win_over_file_which_wins_over_environment_which_wins_over_libpq() throws IOException {
    Path file = dir.resolve("configuration.json");
    Files.writeString(file, "{\"page-size\": 200, \"window\": \"12h\", \"schema\": \"from_file\"}");
    Map<String, String> env =
        Map.of(
            "PFSYNC_PAGE_SIZE", "300",
            "PFSYNC_WINDOW", "6h",
            "PFSYNC_RECENT", "2d",
            "PGHOST", "db.example",
            "PGPORT", "6543",
            "PGDATABASE", "app",
            "PGUSER", "alice");
    ConnectorConfig c = resolve(env, Map.of(Setting.PAGE_SIZE, "100"), file);
    assertThat(c.sync().pageSize()).isEqualTo(100);
    assertThat(c.sync().window()).isEqualTo(Duration.ofHours(12));
    assertThat(c.sync().recent()).isEqualTo(Duration.ofDays(2));
    assertThat(c.database().schema()).isEqualTo("from_file");
    assertThat(c.database().jdbcUrl()).contains("jdbc:postgresql://db.example:6543/app");
    assertThat(c.database().user()).isEqualTo("alice");
  }

  @Test
  void an_empty_value_in_the_config_file_does_not_hide_one_from_the_environment()
      throws IOException {
    Path file = dir.resolve("configuration.json");
    Files.writeString(file, "{\"api-token\": \"\", \"db-password\": \"\", \"interval\": \"5s\"}");
    ConnectorConfig c =
        resolve(Map.of("PFSYNC_API_TOKEN", "tok", "PGPASSWORD", "pw"), Map.of(), file);
    assertThat(c.apiToken()).contains("tok");
    assertThat(c.database().password()).contains("pw");
    assertThat(c.interval()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void explicit_jdbc_url_wins_over_libpq() {
    ConnectorConfig c =
        resolve(
            Map.of("PGHOST", "other"),
            Map.of(Setting.JDBC_URL, "jdbc:postgresql://mine:5432/x"),
            null);
    assertThat(c.database().jdbcUrl()).contains("jdbc:postgresql://mine:5432/x");
  }

  @Test
  void secrets_are_never_in_to_string() {
    ConnectorConfig c =
        resolve(
            Map.of("PGPASSWORD", "pg-secret-1"), Map.of(Setting.API_TOKEN, "tok-secret-2"), null);
    assertThat(c.apiToken()).contains("tok-secret-2");
    assertThat(c.database().password()).contains("pg-secret-1");
    assertThat(c.toString()).doesNotContain("tok-secret-2").doesNotContain("pg-secret-1");
  }

  @Test
  void history_start_takes_an_instant_a_date_epoch_or_a_duration() {
    assertThat(
            resolve(Map.of(), Map.of(Setting.HISTORY_START, "epoch"), null).sync().historyStart())
        .isEqualTo(new HistoryStart.At(Instant.EPOCH));
    assertThat(
            resolve(Map.of(), Map.of(Setting.HISTORY_START, "2025-01-02T03:04:05Z"), null)
                .sync()
                .historyStart())
        .isEqualTo(new HistoryStart.At(Instant.parse("2025-01-02T03:04:05Z")));
    assertThat(
            resolve(Map.of(), Map.of(Setting.HISTORY_START, "2025-01-02"), null)
                .sync()
                .historyStart())
        .isEqualTo(new HistoryStart.At(Instant.parse("2025-01-02T00:00:00Z")));
    assertThat(resolve(Map.of(), Map.of(Setting.HISTORY_START, "400d"), null).sync().historyStart())
        .isEqualTo(new HistoryStart.Ago(Duration.ofDays(400)));
  }

  @Test
  void bad_values_fail_naming_the_setting() {
    assertBad(Map.of(Setting.PAGE_SIZE, "0"), "page-size");
    assertBad(Map.of(Setting.PAGE_SIZE, "10001"), "page-size");
    assertBad(Map.of(Setting.PAGE_SIZE, "many"), "page-size");
    assertBad(Map.of(Setting.WINDOW, "0s"), "window");
    assertBad(Map.of(Setting.WINDOW, "soon"), "window");
    assertBad(Map.of(Setting.API_URL, "ftp://x"), "api-url");
    assertBad(Map.of(Setting.API_URL, "not a url"), "api-url");
    assertBad(Map.of(Setting.JDBC_URL, "jdbc:mysql://x/y"), "jdbc-url");
    assertBad(Map.of(Setting.HISTORY_START, "2099-01-01T00:00:00Z"), "history-start");
    assertBad(Map.of(Setting.HISTORY_START, "2025-13-45"), "history-start");
    assertBad(Map.of(Setting.SCHEMA, "a;drop"), "schema");
    assertBad(Map.of(Setting.SLICE, "0s"), "slice");
  }

  @Test
  void unreadable_or_invalid_config_files_fail_clearly() throws IOException {
    assertThatThrownBy(() -> resolve(Map.of(), Map.of(), dir.resolve("missing.json")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("missing.json");
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{not json");
    assertThatThrownBy(() -> resolve(Map.of(), Map.of(), bad))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("bad.json");
    Path unknown = dir.resolve("unknown.json");
    Files.writeString(unknown, "{\"page_size\": 5, \"colour\": \"red\"}");
    assertThatThrownBy(() -> resolve(Map.of(), Map.of(), unknown))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("colour");
  }

  @Test
  void a_config_file_with_an_unquoted_secret_fails_without_echoing_it() throws IOException {
    Path file = dir.resolve("configuration.json");
    Files.writeString(file, "{\"api-url\": \"http://api\",\n \"api-token\": sk_live_x}");

    assertThatThrownBy(() -> resolve(Map.of(), Map.of(), file))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("configuration.json is not valid JSON (line 2")
        .hasMessageNotContaining("sk_live_x");
  }

  @Test
  void no_error_echoes_a_value_it_could_not_read() {
    String secret = "sk_live_SECRET";
    for (Setting s : Setting.values()) {
      if (s == Setting.API_TOKEN
          || s == Setting.DB_PASSWORD
          || s == Setting.DB_USER
          || s == Setting.CONNECTOR_ID) {
        continue; // free text: any value is accepted
      }
      String value = secret + (s == Setting.JDBC_URL ? "" : " 1x");
      try {
        resolve(Map.of(), Map.of(s, value), null);
      } catch (ConfigurationException e) {
        assertThat(e.getMessage()).as(s.key()).doesNotContain(secret).contains(s.key());
        continue;
      }
      throw new AssertionError(s.key() + " accepted " + value);
    }
  }

  @Test
  void max_rejected_and_lease_are_read_as_written() {
    ConnectorConfig c =
        resolve(Map.of(), Map.of(Setting.MAX_REJECTED, "50", Setting.LEASE, "10s"), null);
    assertThat(c.sync().maxRejected()).isEqualTo(new dev.pfsync.core.RejectedLimit.Count(50));
    assertThat(c.database().lease()).isEqualTo(Duration.ofSeconds(10));
    assertThat(resolve(Map.of(), Map.of(), null).sync().maxRejected().toString()).isEqualTo("5%");
    assertBad(Map.of(Setting.LEASE, "500ms"), "lease");
    assertBad(Map.of(Setting.MAX_REJECTED, "some"), "max-rejected");
  }

  private void assertBad(Map<Setting, String> flags, String setting) {
    assertThatThrownBy(() -> resolve(Map.of(), flags, null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(setting);
  }
}
