package dev.pfsync.it.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Collects a {@link ScenarioResult} per scenario and, once every test of the JVM has run, prints
 * the campaign's table to stdout and writes it to {@code target/reliability-table.md}. Register it
 * on each reliability test class with {@code @ExtendWith(ReliabilityTable.class)}.
 */
public final class ReliabilityTable implements BeforeAllCallback {
  private static final List<ScenarioResult> RESULTS = new ArrayList<>();
  private static final Instant STARTED = Instant.now();

  /** Adds a line; a scenario records one line per variant it ran. */
  static synchronized void record(ScenarioResult result) {
    RESULTS.add(result);
    System.out.println("reliability: " + result);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(ReliabilityTable.class.getName(), k -> new Printer());
  }

  /** Closed by JUnit when the whole run ends. */
  private static final class Printer implements AutoCloseable {
    @Override
    public void close() {
      String table = render();
      System.out.println();
      System.out.println(table);
      try {
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("reliability-table.md"), table);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static synchronized String render() {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            "Reliability campaign (%s), seed %d, started %s, %d cores, Java %s%n%n",
            Campaign.full() ? "full" : "short",
            Campaign.seed(),
            STARTED.truncatedTo(ChronoUnit.SECONDS),
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version")));
    s.append(
        "| scenario | runs | faults injected | rows expected | rows lost | rows doubled | result |\n");
    s.append("|---|---:|---:|---:|---:|---:|---|\n");
    List<ScenarioResult> sorted = new ArrayList<>(RESULTS);
    sorted.sort(java.util.Comparator.comparing(ScenarioResult::scenario));
    for (ScenarioResult r : sorted) {
      s.append(
          String.format(
              "| %s | %d | %,d | %,d | %,d | %,d | %s |%n",
              r.scenario(),
              r.runs(),
              r.faults(),
              r.rowsExpected(),
              r.rowsLost(),
              r.rowsDoubled(),
              r.result()));
    }
    return s.toString();
  }
}
