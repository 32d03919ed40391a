package dev.pfsync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.state.StateCodec;
import dev.pfsync.core.state.SyncState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A state belongs to one schema and one source; a changed history-start is applied, not ignored.
 */
class StateIdentityAndSettingsTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  final TestClock clock = new TestClock(NOW);
  final InMemoryDestination stored = new InMemoryDestination();
  final SimulatedSource source = new SimulatedSource(Bindings.users()).clockedBy(clock);

  /** A destination writing to {@code schema}, over the shared store. */
  Destination destination(String schema) {
    return new ForwardingDestination(stored) {
      @Override
      public Optional<String> schema() {
        return Optional.of(schema);
      }
    };
  }

  /** A source named {@code origin}, over the shared dataset. */
  PageSource named(String origin) {
    return new PageSource() {
      @Override
      public Page fetch(TableBinding table, PageRequest request) {
        return source.fetch(table, request);
      }

      @Override
      public Optional<String> origin() {
        return Optional.of(origin);
      }
    };
  }

  SyncEngine engine(Destination destination, PageSource pages, HistoryStart historyStart) {
    return new SyncEngine(
        List.of(Bindings.users()),
        pages,
        destination,
        SyncSettings.builder("users").historyStart(historyStart).build(),
        clock,
        ProgressListener.none());
  }

  SyncState state() {
    return StateCodec.decode(stored.state().orElseThrow());
  }

  @Test
  void the_state_records_the_schema_the_source_and_its_endpoints() {
    engine(destination("pfsync_users"), named("http://api:5001"), days(3)).runOnce();

    var identity = state().identity().orElseThrow();
    assertThat(identity.schema()).contains("pfsync_users");
    assertThat(identity.source()).contains("http://api:5001");
    assertThat(identity.endpoints()).containsEntry("user", "/v1/users");
    assertThat(state().historyStart()).contains("PT72H");
  }

  @Test
  void another_schema_for_the_same_connector_id_is_refused_naming_both() {
    engine(destination("pfsync_users"), named("http://api:5001"), days(3)).runOnce();

    assertThatThrownBy(
            () -> engine(destination("other"), named("http://api:5001"), days(3)).runOnce())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("schema pfsync_users")
        .hasMessageContaining("schema other")
        .hasMessageNotContaining("\n");
  }

  @Test
  void another_source_for_the_same_connector_id_is_refused_naming_both() {
    engine(destination("s"), named("http://api:5001"), days(3)).runOnce();

    assertThatThrownBy(() -> engine(destination("s"), named("http://other:80"), days(3)).runOnce())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("source http://api:5001")
        .hasMessageContaining("source http://other:80");
  }

  @Test
  void an_earlier_history_start_after_a_completed_backfill_reads_the_added_range() {
    Datasets.users(source, new Random(2), 400, NOW.minus(Duration.ofDays(10)), NOW, 0);
    engine(destination("s"), named("http://api"), days(3)).runUntilComplete(Duration.ofHours(1));
    long threeDays =
        source.truth("user").values().stream()
            .filter(r -> !((Instant) r.get("updatedAt")).isBefore(NOW.minus(Duration.ofDays(3))))
            .count();
    assertThat(stored.rows("user")).hasSize((int) threeDays);

    engine(destination("s"), named("http://api"), days(11)).runUntilComplete(Duration.ofHours(1));

    assertThat(stored.rows("user")).isEqualTo(source.truth("user"));
    assertThat(state().table("user").historical().limit())
        .isEqualTo(NOW.minus(Duration.ofDays(11)));
  }

  @Test
  void a_later_history_start_applies_to_windows_not_yet_read() {
    Datasets.users(source, new Random(3), 400, NOW.minus(Duration.ofDays(10)), NOW, 0);
    source.costing(clock, Duration.ofSeconds(1));
    SyncEngine first =
        new SyncEngine(
            List.of(Bindings.users()),
            named("http://api"),
            destination("s"),
            SyncSettings.builder("users")
                .historyStart(days(10))
                .maxDuration(Duration.ofSeconds(1))
                .build(),
            clock,
            ProgressListener.none());
    first.runOnce(); // incremental: the last day
    first.runOnce(); // historical: one window, then max-duration is spent
    assertThat(state().table("user").historical().windowEnd())
        .isEqualTo(NOW.minus(Duration.ofDays(2)));

    Instant limit = clock.instant().minus(Duration.ofDays(4));
    engine(destination("s"), named("http://api"), days(4)).runUntilComplete(Duration.ofHours(1));

    assertThat(state().table("user").historicalComplete()).isTrue();
    assertThat(state().table("user").historical().limit()).isEqualTo(limit);
    var expected =
        source.truth("user").entrySet().stream()
            .filter(e -> !((Instant) e.getValue().get("updatedAt")).isBefore(limit))
            .map(java.util.Map.Entry::getKey)
            .toList();
    assertThat(stored.rows("user").keySet()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void the_same_relative_history_start_on_a_later_day_changes_nothing() {
    engine(destination("s"), named("http://api"), days(3)).runUntilComplete(Duration.ofHours(1));
    Instant limit = state().table("user").historical().limit();

    clock.advance(Duration.ofDays(2));
    engine(destination("s"), named("http://api"), days(3)).runOnce();

    assertThat(state().table("user").historical().limit()).isEqualTo(limit);
    assertThat(state().table("user").historicalComplete()).isTrue();
  }

  private static HistoryStart days(int n) {
    return new HistoryStart.Ago(Duration.ofDays(n));
  }
}
