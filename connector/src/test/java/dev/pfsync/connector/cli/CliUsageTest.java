package dev.pfsync.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliUsageTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    Cli cli =
        new Cli(
            env,
            Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            GracefulStop.manual());
    return cli.run(args);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sync --bogus",
        "frobnicate",
        "sync --page-size 0",
        "sync --page-size 20000",
        "sync --window 0s",
        "sync --window -1d",
        "sync --api-url ftp://nowhere",
        "sync --api-url ::bad",
        "sync --history-start 2999-01-01T00:00:00Z",
        "sync --config /nonexistent/configuration.json",
        "sync --until-complete --follow",
        "sync --follow --interval 0s",
        "state --jdbc-url jdbc:mysql://x/y",
        "reset --schema bad;name",
        "check --max-duration never",
        "sync --history-start=",
        "sync --settle 99999999999999999999s",
        "sync --window 9999999999999999d",
        "sync --history-start 999999999999d",
        "sync --interval 0s"
      })
  void bad_usage_prints_one_line_and_exits_2(String line) {
    int code = run(Map.of(), line.split(" "));
    assertThat(code).isEqualTo(2);
    assertThat(err().strip().lines()).hasSize(1);
    assertThat(err()).startsWith("pfsync: ").doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(out()).isEmpty();
  }

  @Test
  void help_lists_commands_and_examples_and_never_secrets() {
    int code =
        run(
            Map.of("PFSYNC_API_TOKEN", "tok-very-secret", "PGPASSWORD", "pw-very-secret"),
            "--help");
    assertThat(code).isZero();
    assertThat(out()).contains("sync", "state", "reset", "check", "Examples:");
    assertThat(out() + err()).doesNotContain("tok-very-secret").doesNotContain("pw-very-secret");
  }

  @Test
  void sync_help_lists_every_flag_of_the_design() {
    assertThat(run(Map.of(), "sync", "--help")).isZero();
    assertThat(out())
        .contains(
            "--api-url",
            "--api-token",
            "--jdbc-url",
            "--db-user",
            "--db-password",
            "--schema",
            "--connector-id",
            "--page-size",
            "--window",
            "--recent",
            "--history-start",
            "--max-duration",
            "--lookback",
            "--settle",
            "--slice",
            "--config",
            "--until-complete",
            "--follow",
            "--interval");
  }

  @Test
  void an_unknown_command_is_named_even_when_flags_follow_it() {
    assertThat(run(Map.of(), "frobnicate", "--api-url", "http://x", "--schema", "s")).isEqualTo(2);
    assertThat(err()).contains("frobnicate").doesNotContain("http://x");
  }

  @Test
  void a_mistyped_flag_does_not_echo_the_secret_that_follows_it() {
    assertThat(run(Map.of(), "sync", "--api-tokn", "tok-very-secret")).isEqualTo(2);
    assertThat(err()).contains("--api-tokn").doesNotContain("tok-very-secret");
  }

  @Test
  void bad_environment_values_are_usage_errors_too() {
    assertThat(run(Map.of("PFSYNC_PAGE_SIZE", "abc"), "sync")).isEqualTo(2);
    assertThat(err()).contains("page-size");
  }
}
