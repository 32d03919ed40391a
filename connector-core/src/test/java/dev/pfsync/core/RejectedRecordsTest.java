package dev.pfsync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.state.StateCodec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Rejected records are kept with their checkpoint and counted; a run that rejects more than
 * --max-rejected fails before that checkpoint commits, naming the field and an example.
 */
class RejectedRecordsTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  final TestClock clock = new TestClock(NOW);
  final InMemoryDestination destination = new InMemoryDestination();

  SyncEngine engine(PageSource source, RejectedLimit limit) {
    return new SyncEngine(
        List.of(Bindings.users()),
        source,
        destination,
        SyncSettings.builder("users").pageSize(1000).maxRejected(limit).build(),
        clock,
        ProgressListener.none());
  }

  /** One page: {@code good} rows, then {@code bad} records the source rejected. */
  static ScriptedPageSource page(int good, int bad) {
    List<Row> rows =
        java.util.stream.IntStream.range(0, good)
            .mapToObj(i -> Bindings.user("u" + (1000 + i), NOW.minusSeconds(3000 - i), "n", false))
            .toList();
    return new ScriptedPageSource()
        .then(
            new Page(
                rows,
                false,
                Optional.of(Keyset.after(NOW.minusSeconds(100), "zz")),
                Rejects.some(bad),
                Optional.of(NOW)));
  }

  @Test
  void a_few_rejected_records_are_kept_and_counted_and_the_sync_goes_on() {
    RunSummary summary = engine(page(200, 3), RejectedLimit.DEFAULT).runOnce();

    assertThat(summary.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(summary.tables().get(0).rejected()).isEqualTo(3);
    assertThat(destination.rejected()).hasSize(3);
    assertThat(destination.rows("user")).hasSize(200);
  }

  @Test
  void a_share_over_the_limit_fails_before_the_checkpoint_commits_naming_field_and_example() {
    assertThatThrownBy(() -> engine(page(50, 60), RejectedLimit.DEFAULT).runOnce())
        .isInstanceOf(TooManyRejectedException.class)
        .hasMessageContaining("60 of 110 records")
        .hasMessageContaining("--max-rejected 5%")
        .hasMessageContaining("field updatedAt")
        .hasMessageContaining("yesterday")
        .hasMessageContaining("key \"bad-0\"");

    assertThat(destination.rows("user")).isEmpty();
    assertThat(destination.rejected()).isEmpty();
    assertThat(destination.runs().get(0).status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void a_share_applies_only_after_a_hundred_records() {
    RunSummary summary = engine(page(2, 1), RejectedLimit.DEFAULT).runOnce();

    assertThat(summary.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(destination.rejected()).hasSize(1);
  }

  @Test
  void a_count_limit_fails_once_passed() {
    assertThatThrownBy(() -> engine(page(5, 3), new RejectedLimit.Count(2)).runOnce())
        .isInstanceOf(TooManyRejectedException.class)
        .hasMessageContaining("--max-rejected 2");
    assertThat(engine(page(5, 2), new RejectedLimit.Count(2)).runOnce().status())
        .isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void rows_the_destination_cannot_hold_are_rejected_with_the_checkpoint_and_counted() {
    destination.cannotHold(row -> row.get("id").equals("u1001"));

    RunSummary summary = engine(page(200, 0), RejectedLimit.DEFAULT).runOnce();

    assertThat(summary.tables().get(0).rejected()).isEqualTo(1);
    assertThat(summary.tables().get(0).upserted()).isEqualTo(199);
    assertThat(destination.rejected())
        .extracting(RejectedRecord::key)
        .containsExactly(Optional.of("u1001"));
    assertThat(StateCodec.decode(destination.state().orElseThrow()).table("user").incremental())
        .isEqualTo(Keyset.from(NOW.minusSeconds(2)));
  }

  @Test
  void limits_parse_as_the_cli_spells_them() {
    assertThat(RejectedLimit.parse("5%")).isEqualTo(new RejectedLimit.Share(5));
    assertThat(RejectedLimit.parse(" 0.5% ")).isEqualTo(new RejectedLimit.Share(0.5));
    assertThat(RejectedLimit.parse("50")).isEqualTo(new RejectedLimit.Count(50));
    assertThatThrownBy(() -> RejectedLimit.parse("lots"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageNotContaining("lots");
    assertThatThrownBy(() -> RejectedLimit.parse("120%"))
        .isInstanceOf(ConfigurationException.class);
  }
}
