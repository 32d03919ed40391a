package dev.pfsync.bench;

import static dev.pfsync.bench.Round.Baseline.CURSOR_ORDER;
import static dev.pfsync.bench.Round.Baseline.ID_ORDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundTest {

  @Test
  void a_ratio_is_the_sync_rate_over_the_baseline_rate_of_the_same_round() {
    Round r = new Round(25_000, 100_000, 50_000);

    assertThat(r.ratio(ID_ORDER)).isEqualTo(0.25);
    assertThat(r.ratio(CURSOR_ORDER)).isEqualTo(0.5);
  }

  @Test
  void the_median_of_an_odd_count_is_the_middle_ratio_whatever_the_rates() {
    // Rates swing between rounds (a busy machine); the ratios do not.
    List<Round> rounds =
        List.of(new Round(30, 100, 60), new Round(10, 50, 40), new Round(100, 400, 250));

    assertThat(Round.median(rounds, ID_ORDER)).isEqualTo(0.25);
    assertThat(Round.median(rounds, CURSOR_ORDER)).isEqualTo(0.4);
  }

  @Test
  void the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
    List<Round> rounds =
        List.of(
            new Round(20, 100, 1),
            new Round(40, 100, 1),
            new Round(30, 100, 1),
            new Round(90, 100, 1));

    assertThat(Round.median(rounds, ID_ORDER)).isCloseTo(0.35, within(1e-12));
  }

  @Test
  void the_report_lists_each_rounds_ratio_in_order() {
    List<Round> rounds = List.of(new Round(1, 4, 2), new Round(1, 3, 1));

    assertThat(Round.ratios(rounds, ID_ORDER)).isEqualTo("0.25 0.33");
    assertThat(Round.ratios(rounds, CURSOR_ORDER)).isEqualTo("0.50 1.00");
  }
}
