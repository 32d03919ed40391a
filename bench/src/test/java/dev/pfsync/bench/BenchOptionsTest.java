package dev.pfsync.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void no_arguments_mean_the_full_run_with_the_shipped_defaults() {
    BenchOptions o = BenchOptions.parse();

    assertThat(o).isEqualTo(BenchOptions.defaults());
    assertThat(o.users()).isEqualTo(1_000_000);
    assertThat(o.days()).isEqualTo(365);
    assertThat(o.pageSize()).isEqualTo(1000);
    assertThat(o.freshDays()).containsExactly(30, 365, 3650);
    assertThat(o.repeat()).isEqualTo(1);
    assertThat(o.prefetch()).isFalse();
    assertThat(o.tuned()).isFalse();
  }

  @Test
  void reads_every_option_of_run_sh() {
    BenchOptions o =
        BenchOptions.parse(
            "--users",
            "100000",
            "--days",
            "30",
            "--page-size",
            "10000",
            "--small-users",
            "5000",
            "--fresh-rows-per-day",
            "10",
            "--fresh-days",
            "3,7",
            "--no-freshness",
            "--connector-xmx",
            "256m",
            "--api-xmx",
            "1g",
            "--repeat",
            "3",
            "--prefetch");

    assertThat(o)
        .isEqualTo(
            new BenchOptions(
                100_000,
                30,
                10_000,
                5000,
                10,
                List.of(3, 7),
                "256m",
                "1g",
                true,
                3,
                true,
                false,
                Optional.empty(),
                false));
  }

  @Test
  void a_tuned_window_implies_tuned_and_the_last_prefetch_option_wins() {
    BenchOptions o = BenchOptions.parse("--prefetch", "--tuned-window", "7d", "--no-prefetch");

    assertThat(o.tuned()).isTrue();
    assertThat(o.tunedWindow()).contains("7d");
    assertThat(o.prefetch()).isFalse();
  }

  @Test
  void help_is_an_option_like_the_others() {
    assertThat(BenchOptions.parse("--help").help()).isTrue();
    assertThat(BenchOptions.USAGE).contains("--tuned-window").contains("--no-freshness");
  }

  @Test
  void mistakes_are_named() {
    assertThatThrownBy(() -> BenchOptions.parse("--user", "5")).hasMessage("unknown option --user");
    assertThatThrownBy(() -> BenchOptions.parse("--users")).hasMessage("--users needs a value");
    assertThatThrownBy(() -> BenchOptions.parse("--repeat", "three"))
        .hasMessage("--repeat needs a whole number, not 'three'");
    assertThatThrownBy(() -> BenchOptions.parse("--fresh-days", "30,,365"))
        .hasMessageStartingWith("--fresh-days needs whole numbers separated by commas");
  }
}
