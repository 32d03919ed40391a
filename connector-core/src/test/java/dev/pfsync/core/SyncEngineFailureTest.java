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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SyncEngineFailureTest {
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

  static Row u(String id, Instant at) {
    return Bindings.user(id, at, "n", false);
  }

  static Stream<Arguments> violations() {
    Instant t = P.plusSeconds(100);
    Keyset afterGood = Keyset.after(t, "b");
    return Stream.of(
        Arguments.of(
            new Page(List.of(), true, Optional.of(Keyset.after(t, "z"))),
            "has_more is true but the page is empty"),
        Arguments.of(
            new Page(List.of(), true, Optional.of(afterGood), Rejects.some(1), Optional.empty()),
            "next does not advance"),
        Arguments.of(
            new Page(List.of(u("a", t)), true, Optional.empty()),
            "is not after the requested position"),
        Arguments.of(
            new Page(List.of(u("c", NOW)), false, Optional.empty()),
            "is not before the requested bound"),
        Arguments.of(
            new Page(
                List.of(u("d", t.plusSeconds(5)), u("c", t.plusSeconds(5))),
                false,
                Optional.empty()),
            "rows out of order or repeated"));
  }

  @ParameterizedTest
  @MethodSource("violations")
  void a_protocol_violation_fails_the_run_and_keeps_the_last_good_checkpoint(
      Page bad, String problem) {
    var destination = new InMemoryDestination();
    var source =
        new ScriptedPageSource()
            .then(
                new Page(
                    List.of(u("a", P.plusSeconds(100)), u("b", P.plusSeconds(100))),
                    true,
                    Optional.of(Keyset.after(P.plusSeconds(100), "b"))))
            .then(bad);
    var engine =
        new SyncEngine(
            List.of(Bindings.users()),
            source,
            destination,
            SETTINGS,
            new TestClock(NOW),
            ProgressListener.none());

    assertThatThrownBy(engine::runOnce)
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("table user")
        .hasMessageContaining(problem)
        .hasMessageContaining("after_id=b");

    String good = destination.stateHistory().get(0);
    assertThat(destination.stateHistory()).containsExactly(good);
    assertThat(destination.state()).contains(good);
    assertThat(good).contains("\"after_id\":\"b\"").contains("\"next_mode\":\"incremental\"");
    assertThat(destination.rows("user")).containsOnlyKeys("a", "b");
    var run = destination.runs().get(0);
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.message()).hasValueSatisfying(m -> assertThat(m).contains(problem));
  }

  @Test
  void a_page_source_failure_is_recorded_and_rethrown() {
    var destination = new InMemoryDestination();
    PageSource broken =
        (table, request) -> {
          throw new RetriableException("HTTP 503 after 5 attempts");
        };
    var engine =
        new SyncEngine(
            List.of(Bindings.users()),
            broken,
            destination,
            SETTINGS,
            new TestClock(NOW),
            ProgressListener.none());

    assertThatThrownBy(engine::runOnce).isInstanceOf(RetriableException.class);
    assertThat(destination.state()).isEmpty();
    assertThat(destination.runs())
        .containsExactly(
            new InMemoryDestination.Run(
                SyncMode.INCREMENTAL, RunStatus.FAILED, Optional.of("HTTP 503 after 5 attempts")));
  }

  SimulatedSource dataset() {
    var source =
        new SimulatedSource(Bindings.users(), Bindings.orders())
            .clockedBy(Clock.fixed(NOW, ZoneOffset.UTC));
    var random = new Random(3);
    Datasets.users(source, random, 60, NOW.minus(Duration.ofDays(4)), NOW, 9);
    Datasets.orders(source, random, 30, NOW.minus(Duration.ofDays(4)), NOW);
    return source;
  }

  SyncEngine engine(SimulatedSource source, InMemoryDestination destination) {
    return new SyncEngine(
        List.of(Bindings.users(), Bindings.orders()),
        source,
        destination,
        SETTINGS,
        new TestClock(NOW),
        ProgressListener.none());
  }

  @Test
  void a_crash_at_any_checkpoint_then_resume_gives_the_same_result_rereading_at_most_one_page() {
    var reference = new InMemoryDestination();
    SimulatedSource referenceSource = dataset();
    engine(referenceSource, reference).runUntilComplete(Duration.ofSeconds(10));
    int checkpoints = reference.checkpoints();
    int pages = referenceSource.requests().size();
    assertThat(checkpoints).isGreaterThan(30);

    for (int crashAt = 1; crashAt <= checkpoints; crashAt++) {
      var destination = new InMemoryDestination();
      var source = dataset();
      destination.failAtCheckpoint(crashAt);
      assertThatThrownBy(() -> engine(source, destination).runUntilComplete(Duration.ofSeconds(10)))
          .as("crash at %d", crashAt)
          .isInstanceOf(DestinationException.class);
      List<SimulatedSource.Fetch> beforeCrash = source.requests();
      destination.disarm();

      engine(source, destination).runUntilComplete(Duration.ofSeconds(10));

      List<SimulatedSource.Fetch> afterCrash =
          source.requests().subList(beforeCrash.size(), source.requests().size());
      assertThat(source.requests()).as("crash at %d", crashAt).hasSizeLessThanOrEqualTo(pages + 1);
      if (!beforeCrash.isEmpty()) {
        // Only the page whose checkpoint failed may be read again.
        SimulatedSource.Fetch lastBefore = beforeCrash.get(beforeCrash.size() - 1);
        assertThat(afterCrash.stream().filter(beforeCrash::contains)).allMatch(lastBefore::equals);
      }
      assertThat(destination.rows("user"))
          .as("crash at %d", crashAt)
          .isEqualTo(source.truth("user"));
      assertThat(destination.rows("orders")).isEqualTo(source.truth("orders"));
      assertThat(destination.state()).isEqualTo(reference.state());
    }
  }
}
