package dev.pfsync.mockapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MockApiTest {
  static final Pattern READY =
      Pattern.compile("mock-api listening on http://127\\.0\\.0\\.1:(\\d+) .*");

  @Test
  void bad_flags_print_one_line_on_stderr_and_exit_2() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    MockApi.Launch launch =
        MockApi.launch(
            new String[] {"--users", "many"}, new PrintStream(out), new PrintStream(err));
    assertThat(launch.exitCode()).isEqualTo(2);
    assertThat(launch.server()).isEmpty();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).matches("mock-api: --users [^\\n]*\\R");
  }

  @Test
  void a_fixed_now_with_a_clock_offset_exits_2_with_one_line_naming_both() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    MockApi.Launch launch =
        MockApi.launch(
            new String[] {"--now", "2026-11-20T08:00:00Z", "--clock-offset", "-60s"},
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err));
    assertThat(launch.exitCode()).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .matches("mock-api: [^\\n]*--now[^\\n]*--clock-offset[^\\n]*\\R");
  }

  @Test
  void a_busy_port_exits_1_with_one_line() {
    try (MockApiServer taken =
        MockApiServer.start(MockApiOptions.defaults().withPort(0).withUsers(10))) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      MockApi.Launch launch =
          MockApi.launch(
              new String[] {"--port", String.valueOf(taken.port()), "--users", "10"},
              new PrintStream(new ByteArrayOutputStream()),
              new PrintStream(err));
      assertThat(launch.exitCode()).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .startsWith("mock-api: cannot listen on")
          .hasLineCount(1);
    }
  }

  @Test
  void the_process_prints_one_ready_line_and_stops_cleanly_on_sigterm(@TempDir Path dir)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path stdout = dir.resolve("stdout");
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                MockApi.class.getName(),
                "--port",
                "0",
                "--users",
                "100",
                "--now",
                "2026-11-20T08:00:00Z")
            .redirectOutput(stdout.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      String line = "";
      for (int i = 0; i < 600 && line.isEmpty(); i++) {
        Thread.sleep(50);
        line = Files.readString(stdout).strip();
      }
      Matcher m = READY.matcher(line);
      assertThat(m.matches()).as("ready line: %s", line).isTrue();
      int port = Integer.parseInt(m.group(1));
      new Socket("127.0.0.1", port).close();

      p.destroy(); // SIGTERM
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isIn(0, 143);
      assertThat(Files.readAllLines(stdout)).as("exactly one line on stdout").hasSize(1);
      assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
          .as("port closed after SIGTERM")
          .isInstanceOf(ConnectException.class);
    } finally {
      p.destroyForcibly();
    }
  }
}
