package dev.pfsync.connector.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.Progress;
import dev.pfsync.core.SyncMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private static final Progress PROGRESS =
      new Progress(
          "user",
          SyncMode.HISTORICAL,
          Instant.parse("2026-10-01T00:00:00Z"),
          Optional.of(Instant.parse("2026-10-02T00:00:00Z")),
          123_456,
          45_678.9,
          0.375);

  @Test
  void shows_mode_table_rows_rate_window_and_backfill() {
    assertThat(ProgressLine.of(PROGRESS))
        .contains("historical", "user", "123,456 rows", "45,679 rows/s")
        .contains("2026-10-01 00:00 .. 2026-10-02 00:00")
        .contains("37.5%");
  }

  @Test
  void plain_output_is_throttled_to_one_line_every_few_seconds() {
    var bytes = new ByteArrayOutputStream();
    AtomicLong nanos = new AtomicLong();
    var progress =
        new ConsoleProgress(
            new PrintStream(bytes, true, StandardCharsets.UTF_8), false, nanos::get);
    progress.runStarted(SyncMode.HISTORICAL);
    for (int i = 0; i < 100; i++) {
      nanos.addAndGet(100_000_000L); // 100 ms per checkpoint: 10 s in all
      progress.checkpointed(PROGRESS);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text.lines().filter(l -> l.contains("rows/s")).count()).isEqualTo(2);
    assertThat(text).doesNotContain("\r");
  }

  @Test
  void live_output_redraws_one_line_in_place() {
    var bytes = new ByteArrayOutputStream();
    AtomicLong nanos = new AtomicLong();
    var progress =
        new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, nanos::get);
    for (int i = 0; i < 10; i++) {
      nanos.addAndGet(300_000_000L);
      progress.checkpointed(PROGRESS);
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\r").doesNotContain("\n");
  }
}
