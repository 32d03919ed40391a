package dev.pfsync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A destination whose connection dies under a checkpoint: the engine reads the state again and goes
 * on from it, whether the commit made it or not; nothing lost, nothing applied twice.
 */
class ConnectionLossTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  final TestClock clock = new TestClock(NOW);
  final InMemoryDestination destination = new InMemoryDestination();
  final SimulatedSource source = new SimulatedSource(Bindings.users()).clockedBy(clock);
  final List<Duration> pauses = new ArrayList<>();

  SyncEngine engine(InMemoryDestination into) {
    return new SyncEngine(
        List.of(Bindings.users()),
        source,
        into,
        SyncSettings.builder("users")
            .pageSize(25)
            .historyStart(new HistoryStart.Ago(Duration.ofDays(3)))
            .build(),
        clock,
        ProgressListener.none(),
        pauses::add);
  }

  @ParameterizedTest(name = "commit made it: {0}")
  @ValueSource(booleans = {false, true})
  void a_run_goes_on_after_the_connection_dies_under_a_checkpoint(boolean committed) {
    Datasets.users(source, new Random(4), 300, NOW.minus(Duration.ofDays(3)), NOW, 30);
    InMemoryDestination reference = new InMemoryDestination();
    engine(reference).runUntilComplete(Duration.ofHours(1));
    destination.loseConnectionAt(3, committed, 2);

    RunSummary summary = engine(destination).runUntilComplete(Duration.ofHours(1));

    assertThat(summary.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(destination.rows("user")).isEqualTo(source.truth("user"));
    // The same checkpoints as without the loss: none skipped, none applied twice.
    assertThat(destination.stateHistory()).isEqualTo(reference.stateHistory());
    assertThat(pauses).hasSize(3);
  }

  @Test
  void a_destination_gone_for_good_fails_the_run_as_retriable_after_bounded_attempts() {
    Datasets.users(source, new Random(5), 50, NOW.minus(Duration.ofDays(3)), NOW, 0);
    destination.loseConnectionAt(1, false, Integer.MAX_VALUE);

    assertThatThrownBy(() -> engine(destination).runOnce())
        .isInstanceOf(DestinationUnavailableException.class);
    assertThat(destination.runs().get(0).status()).isEqualTo(RunStatus.FAILED);
    assertThat(pauses).hasSizeLessThan(20);
    assertThat(pauses.stream().mapToLong(Duration::toMillis).sum()).isBetween(60_000L, 180_000L);
  }
}
