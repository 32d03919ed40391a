package dev.pfsync.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** sync --follow is a daemon: an outage longer than the retries must not end it. */
class FollowOutageTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  @Test
  void a_retriable_failure_is_tried_again_at_the_next_interval() throws Exception {
    TestClock clock = new TestClock(NOW);
    InMemoryDestination destination = new InMemoryDestination();
    SimulatedSource data = new SimulatedSource(Bindings.users()).clockedBy(clock);
    Datasets.users(data, new Random(5), 100, NOW.minus(Duration.ofDays(2)), NOW, 0);
    AtomicInteger fetches = new AtomicInteger();
    PageSource flaky =
        (table, request) -> {
          // The third request meets an outage that outlasted the source's own retries.
          if (fetches.incrementAndGet() == 3) {
            throw new RetriableException("API down (retries exhausted)");
          }
          return data.fetch(table, request);
        };
    AtomicInteger runs = new AtomicInteger();
    SyncEngine[] engine = new SyncEngine[1];
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void runStarted(SyncMode mode) {
            clock.advance(Duration.ofSeconds(5));
            if (runs.incrementAndGet() == 8) {
              engine[0].requestStop();
            }
          }
        };
    SyncSettings settings =
        new SyncSettings(
            "users",
            10,
            Duration.ofDays(1),
            Duration.ofDays(1),
            new HistoryStart.Ago(Duration.ofDays(2)),
            Duration.ofHours(1),
            Duration.ZERO,
            Duration.ofSeconds(2));
    engine[0] =
        new SyncEngine(List.of(Bindings.users()), flaky, destination, settings, clock, listener);

    var result = new CompletableFuture<RunSummary>();
    new Thread(() -> result.complete(engine[0].follow(Duration.ofMillis(20)))).start();
    RunSummary summary = result.get(10, TimeUnit.SECONDS);

    assertThat(summary.status()).isEqualTo(RunStatus.STOPPED);
    List<RunStatus> statuses = destination.runs().stream().map(r -> r.status()).toList();
    int failed = statuses.indexOf(RunStatus.FAILED);
    assertThat(failed).as(statuses.toString()).isNotNegative();
    // The engine kept going after the outage, and the runs after it did their work.
    assertThat(statuses.subList(failed + 1, statuses.size())).contains(RunStatus.SUCCEEDED);
    Instant recent = NOW.minus(Duration.ofDays(1));
    assertThat(destination.rows("user").keySet())
        .containsAll(
            data.truth("user").entrySet().stream()
                .filter(e -> !SyncEngineTest.RowTime.of(e.getValue()).isBefore(recent))
                .map(e -> e.getKey())
                .toList());
  }
}
