package dev.pfsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.it.support.CliResult;
import dev.pfsync.it.support.ConnectorJar;
import dev.pfsync.it.support.SyncTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The jar: every bad usage exits 2 with one line on stderr; --help works. */
class BadUsageIT {
  private static final SyncTarget TARGET = SyncTarget.fresh("badusage");
  @TempDir static Path dir;

  static Stream<Arguments> badUsages() throws IOException {
    Path notJson = Files.writeString(dir.resolve("broken.json"), "{\"page_size\": ");
    Path unknownKey = Files.writeString(dir.resolve("unknown.json"), "{\"pagesize\": \"10\"}");
    return Stream.of(
        Arguments.of("unknown flag", List.of("--no-such-flag"), "no-such-flag"),
        Arguments.of("unknown command", List.of("frobnicate"), "frobnicate"),
        Arguments.of("api-url not a URL", List.of("--api-url", "not a url"), "api-url"),
        Arguments.of("api-url not http", List.of("--api-url", "ftp://host/x"), "api-url"),
        Arguments.of("page size 0", List.of("--page-size", "0"), "page-size"),
        Arguments.of("page size 10001", List.of("--page-size", "10001"), "page-size"),
        Arguments.of("page size not a number", List.of("--page-size", "many"), "page-size"),
        Arguments.of("window 0", List.of("--window", "0s"), "window"),
        Arguments.of("window negative", List.of("--window", "-1d"), "window"),
        Arguments.of(
            "history-start after now",
            List.of("--history-start", "2999-01-01T00:00:00Z"),
            "history-start"),
        Arguments.of(
            "config file missing",
            List.of("--config", dir.resolve("absent.json").toString()),
            "absent.json"),
        Arguments.of("config is a directory", List.of("--config", dir.toString()), "config"),
        Arguments.of("config not JSON", List.of("--config", notJson.toString()), "JSON"),
        Arguments.of("config unknown key", List.of("--config", unknownKey.toString()), "pagesize"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badUsages")
  void bad_usage_exits_2_with_one_line_on_stderr(String name, List<String> flags, String names) {
    List<String> args = new ArrayList<>(List.of(TARGET.args("sync", "http://127.0.0.1:9")));
    if (name.equals("unknown command")) {
      args.set(0, flags.get(0));
    } else {
      args.addAll(flags);
    }

    CliResult r = ConnectorJar.run(args.toArray(String[]::new));

    assertThat(r.exitCode()).as(r.describe()).isEqualTo(2);
    assertThat(r.errLines()).as(r.describe()).singleElement().asString().startsWith("pfsync");
    assertThat(r.err()).contains(names).doesNotContain("Exception", "\tat ");
  }

  @Test
  void help_prints_the_commands_and_exits_0() {
    CliResult r = ConnectorJar.run("--help");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.out()).contains("sync", "state", "reset", "check", "--until-complete");
    assertThat(r.err()).isBlank();

    CliResult sync = ConnectorJar.run("sync", "--help");
    assertThat(sync.exitCode()).as(sync.describe()).isZero();
    assertThat(sync.out()).contains("--page-size", "--max-duration", "--follow");
  }
}
