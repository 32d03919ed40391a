package dev.pfsync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The engine with {@code prefetch = true}: same results, same failures, overlapped fetches. */
class PrefetchingSyncEngineTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final Instant P = NOW.minus(Duration.ofDays(1));
  static final SyncSettings SETTINGS =
      new SyncSettings(
          "users",
          4,
          Duration.ofDays(1),
          Duration.ofDays(1),
          new HistoryStart.Ago(Duration.ofDays(4)),
          Duration.ofHours(1),
          Duration.ZERO,
          Duration.ofSeconds(2));

  static SimulatedSource dataset() {
    var source =
        new SimulatedSource(Bindings.users(), Bindings.orders())
            .clockedBy(Clock.fixed(NOW, ZoneOffset.UTC));
    var random = new Random(3);
    Datasets.users(source, random, 60, NOW.minus(Duration.ofDays(4)), NOW, 9);
    Datasets.orders(source, random, 30, NOW.minus(Duration.ofDays(4)), NOW);
    return source;
  }

  static SyncEngine engine(PageSource source, Destination destination, boolean prefetch) {
    return new SyncEngine(
        List.of(Bindings.users(), Bindings.orders()),
        source,
        destination,
        SETTINGS,
        new TestClock(NOW),
        ProgressListener.none(),
        prefetch);
  }

  static Row u(String id, Instant at) {
    return Bindings.user(id, at, "n", false);
  }

  @Test
  void prefetching_gives_the_same_rows_state_and_requests_as_fetching_one_page_at_a_time() {
    var serialSource = dataset();
    var serial = new InMemoryDestination();
    engine(serialSource, serial, false).runUntilComplete(Duration.ofSeconds(10));
    var source = dataset();
    var destination = new InMemoryDestination();

    engine(source, destination, true).runUntilComplete(Duration.ofSeconds(10));

    assertThat(destination.rows("user")).isEqualTo(source.truth("user"));
    assertThat(destination.rows("orders")).isEqualTo(source.truth("orders"));
    assertThat(destination.stateHistory()).isEqualTo(serial.stateHistory());
    // Every guess of the next request was right: not one page fetched in vain.
    assertThat(source.requests()).isEqualTo(serialSource.requests());
  }

  @Test
  void the_next_page_is_fetched_on_another_thread_while_the_checkpoint_is_applied() {
    var source = dataset();
    var fetchThreads = new java.util.concurrent.ConcurrentLinkedQueue<String>();
    CountDownLatch secondFetch = new CountDownLatch(2);
    PageSource watched =
        (table, request) -> {
          fetchThreads.add(Thread.currentThread().getName());
          secondFetch.countDown();
          return source.fetch(table, request);
        };
    var inMemory = new InMemoryDestination();
    AtomicReference<Boolean> overlapped = new AtomicReference<>();
    Destination slowFirstCheckpoint =
        new ForwardingDestination(inMemory) {
          @Override
          public void apply(Checkpoint checkpoint) {
            if (overlapped.get() == null) {
              try {
                overlapped.set(secondFetch.await(10, TimeUnit.SECONDS));
              } catch (InterruptedException e) {
                throw new AssertionError(e);
              }
            }
            super.apply(checkpoint);
          }
        };

    engine(watched, slowFirstCheckpoint, true).runOnce();

    assertThat(overlapped.get()).as("page 2 requested while page 1 was being applied").isTrue();
    assertThat(fetchThreads).contains("pfsync-prefetch");
    assertThat(inMemory.rows("user")).isNotEmpty();
  }

  @Test
  void a_crash_at_any_checkpoint_then_resume_gives_the_same_result_losing_at_most_one_page() {
    var reference = new InMemoryDestination();
    SimulatedSource referenceSource = dataset();
    engine(referenceSource, reference, true).runUntilComplete(Duration.ofSeconds(10));
    int checkpoints = reference.checkpoints();
    int pages = referenceSource.requests().size();

    for (int crashAt = 1; crashAt <= checkpoints; crashAt++) {
      var destination = new InMemoryDestination();
      var source = dataset();
      destination.failAtCheckpoint(crashAt);
      assertThatThrownBy(
              () -> engine(source, destination, true).runUntilComplete(Duration.ofSeconds(10)))
          .as("crash at %d", crashAt)
          .isInstanceOf(DestinationException.class);
      List<SimulatedSource.Fetch> beforeCrash = source.requests();
      destination.disarm();

      engine(source, destination, true).runUntilComplete(Duration.ofSeconds(10));

      List<SimulatedSource.Fetch> afterCrash =
          source.requests().subList(beforeCrash.size(), source.requests().size());
      // The page whose checkpoint failed is read again, and the page fetched ahead of it.
      assertThat(source.requests()).as("crash at %d", crashAt).hasSizeLessThanOrEqualTo(pages + 2);
      List<SimulatedSource.Fetch> lastTwo =
          beforeCrash.subList(Math.max(0, beforeCrash.size() - 2), beforeCrash.size());
      assertThat(afterCrash.stream().filter(beforeCrash::contains))
          .as("crash at %d", crashAt)
          .allMatch(lastTwo::contains);
      assertThat(destination.rows("user"))
          .as("crash at %d", crashAt)
          .isEqualTo(source.truth("user"));
      assertThat(destination.rows("orders")).isEqualTo(source.truth("orders"));
      assertThat(destination.state()).isEqualTo(reference.state());
    }
  }

  @Test
  void a_protocol_violation_in_a_page_fetched_ahead_fails_the_run_as_before() {
    var destination = new InMemoryDestination();
    Instant t = P.plusSeconds(100);
    var source =
        new ScriptedPageSource()
            .then(new Page(List.of(u("a", t), u("b", t)), true, Optional.of(Keyset.after(t, "b"))))
            .then(new Page(List.of(u("a", t)), true, Optional.empty()));

    assertThatThrownBy(engine(source, destination, true)::runOnce)
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("table user")
        .hasMessageContaining("is not after the requested position")
        .hasMessageContaining("after_id=b");

    assertThat(destination.stateHistory()).hasSize(1);
    assertThat(destination.rows("user")).containsOnlyKeys("a", "b");
    assertThat(destination.runs().get(0).status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void a_source_failure_of_a_page_fetched_ahead_is_rethrown_unchanged() {
    var destination = new InMemoryDestination();
    Instant t = P.plusSeconds(100);
    var failure = new RetriableException("HTTP 503 after 5 attempts");
    var scripted =
        new ScriptedPageSource()
            .then(new Page(List.of(u("a", t), u("b", t)), true, Optional.of(Keyset.after(t, "b"))));
    PageSource source =
        (table, request) -> {
          if (scripted.requests().size() == 1) {
            throw failure;
          }
          return scripted.fetch(table, request);
        };

    assertThatThrownBy(engine(source, destination, true)::runOnce).isSameAs(failure);
    assertThat(destination.rows("user")).containsOnlyKeys("a", "b");
    assertThat(destination.runs().get(0).message()).contains("HTTP 503 after 5 attempts");
  }

  @Test
  void a_stop_requested_during_a_checkpoint_stops_there_and_drops_the_page_fetched_ahead() {
    var source = dataset();
    var destination = new InMemoryDestination();
    AtomicReference<SyncEngine> engine = new AtomicReference<>();
    ProgressListener stopAtFirst =
        new ProgressListener() {
          @Override
          public void checkpointed(Progress progress) {
            engine.get().requestStop();
          }
        };
    engine.set(
        new SyncEngine(
            List.of(Bindings.users(), Bindings.orders()),
            source,
            destination,
            SETTINGS,
            new TestClock(NOW),
            stopAtFirst,
            true));

    RunSummary summary = engine.get().runOnce();

    assertThat(summary.status()).isEqualTo(RunStatus.STOPPED);
    // The first page and the mode flip; the page fetched ahead was not applied.
    assertThat(destination.checkpoints()).isEqualTo(2);
    // The fetch ahead may have been cancelled before it started.
    assertThat(source.requests()).hasSizeBetween(1, 2);
    assertThat(destination.rows("user")).hasSize(SETTINGS.pageSize());
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(th -> th.getName().equals("pfsync-prefetch") && th.isAlive());
  }
}
