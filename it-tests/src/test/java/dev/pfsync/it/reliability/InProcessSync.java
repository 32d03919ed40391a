package dev.pfsync.it.reliability;

import dev.pfsync.connector.UsersConnector;
import dev.pfsync.core.HistoryStart;
import dev.pfsync.core.ProgressListener;
import dev.pfsync.core.RunSummary;
import dev.pfsync.core.SyncEngine;
import dev.pfsync.core.SyncSettings;
import dev.pfsync.core.http.HttpPageSource;
import dev.pfsync.core.http.HttpSourceConfig;
import dev.pfsync.postgres.PostgresDestination;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * One {@code sync --until-complete} in this JVM: the users binding, {@link HttpPageSource} and
 * {@link PostgresDestination}, as the CLI wires them, but with an HTTP configuration the test
 * chooses (short read timeout, fast backoff), which the CLI does not expose.
 */
final class InProcessSync {
  static final Duration WINDOW = Duration.ofDays(1);

  private InProcessSync() {}

  /** Timeouts and retries suited to injected faults: read timeout 500 ms, 10 quick retries. */
  static HttpSourceConfig faultTolerant(String url) {
    return HttpSourceConfig.defaults(URI.create(url))
        .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500))
        .withMaxRetries(10)
        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(400))
        .withMaxRetryAfter(Duration.ofSeconds(5));
  }

  /** Runs until the backfill is complete; a failed run comes back as its exception. */
  static Outcome run(HttpSourceConfig http, Store store, int pageSize) {
    SyncSettings settings =
        new SyncSettings(
            store.connectorId,
            pageSize,
            Duration.ofDays(1),
            WINDOW,
            new HistoryStart.Ago(Duration.ofDays(31)),
            Duration.ofHours(1),
            Duration.ZERO,
            Duration.ofSeconds(2));
    long start = System.nanoTime();
    try (HttpPageSource source = new HttpPageSource(http);
        PostgresDestination destination = new PostgresDestination(store.db.config(store.schema))) {
      SyncEngine engine =
          new SyncEngine(
              UsersConnector.tables(),
              source,
              destination,
              settings,
              Clock.systemUTC(),
              ProgressListener.none());
      RunSummary summary = engine.runUntilComplete(Duration.ofSeconds(10));
      return new Outcome(Optional.of(summary), Optional.empty(), elapsed(start));
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      return new Outcome(Optional.empty(), Optional.of(e), elapsed(start));
    }
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** A run's summary, or what it threw. */
  record Outcome(Optional<RunSummary> summary, Optional<Throwable> failure, Duration elapsed) {
    boolean succeeded() {
      return summary.isPresent() && summary.get().status() == dev.pfsync.core.RunStatus.SUCCEEDED;
    }

    long skipped() {
      return summary.map(s -> s.tables().stream().mapToLong(t -> t.rejected()).sum()).orElse(0L);
    }

    String describe() {
      return summary
          .map(s -> s.status() + " " + s.message().orElse("") + " rows " + s.rows())
          .orElseGet(() -> failure.get().getClass().getName() + ": " + failure.get().getMessage());
    }
  }
}
