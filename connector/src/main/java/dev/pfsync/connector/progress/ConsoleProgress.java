package dev.pfsync.connector.progress;

import dev.pfsync.core.Progress;
import dev.pfsync.core.ProgressListener;
import dev.pfsync.core.RunSummary;
import dev.pfsync.core.SyncMode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows sync progress: on a terminal one live line redrawn in place, otherwise a plain line every
 * few seconds (logs stay readable in CI and under systemd).
 */
public final class ConsoleProgress implements ProgressListener {
  private static final long LIVE_EVERY_NANOS = Duration.ofMillis(200).toNanos();
  private static final long PLAIN_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

  private final PrintStream out;
  private final boolean live;
  private final LongSupplier nanoTime;
  private long lastPrinted;
  private boolean lineOpen;

  public ConsoleProgress(PrintStream out, boolean live, LongSupplier nanoTime) {
    this.out = out;
    this.live = live;
    this.nanoTime = nanoTime;
    this.lastPrinted = nanoTime.getAsLong();
  }

  /**
   * Progress on {@code out} (stdout, so stderr carries only problems), live when the process runs
   * on a terminal and {@code out} is the real stdout.
   */
  public static ConsoleProgress on(PrintStream out) {
    boolean terminal =
        out == System.out && System.console() != null && !"dumb".equals(System.getenv("TERM"));
    return new ConsoleProgress(out, terminal, System::nanoTime);
  }

  @Override
  public void runStarted(SyncMode mode) {
    endLine();
    out.println("pfsync: " + mode.wireName() + " run started");
    lastPrinted = nanoTime.getAsLong();
  }

  @Override
  public void checkpointed(Progress p) {
    long now = nanoTime.getAsLong();
    if (now - lastPrinted < (live ? LIVE_EVERY_NANOS : PLAIN_EVERY_NANOS)) {
      return;
    }
    lastPrinted = now;
    String line = ProgressLine.of(p);
    if (live) {
      out.print("\r\u001b[2K" + line);
      out.flush();
      lineOpen = true;
    } else {
      out.println("pfsync: " + line);
    }
  }

  @Override
  public void runFinished(RunSummary summary) {
    endLine();
    double seconds = Math.max(summary.duration().toMillis(), 1) / 1000.0;
    out.println(
        String.format(
            Locale.ROOT,
            "pfsync: %s run %s: %,d rows in %.1fs (%,.0f rows/s)%s",
            summary.modes().isEmpty() ? "" : summary.modes().get(0).wireName(),
            summary.status().name().toLowerCase(Locale.ROOT),
            summary.rows(),
            seconds,
            summary.rows() / seconds,
            summary.message().map(m -> " - " + m).orElse("")));
  }

  private void endLine() {
    if (lineOpen) {
      out.println();
      lineOpen = false;
    }
  }
}
