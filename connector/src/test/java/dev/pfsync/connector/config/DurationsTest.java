package dev.pfsync.connector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
  @ParameterizedTest
  @CsvSource({
    "500ms,PT0.5S",
    "30s,PT30S",
    "10m,PT10M",
    "6h,PT6H",
    "1d,PT24H",
    "1h30m,PT1H30M",
    "0s,PT0S"
  })
  void parses_the_documented_forms(String text, String iso) {
    assertThat(Durations.parse("window", text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1", "1w", "-1s", "s", "1d 2h", "1.5h", "PT1H"})
  void rejects_anything_else_naming_the_setting(String text) {
    assertThatThrownBy(() -> Durations.parse("window", text))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("window: ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"500ms", "30s", "10m", "6h", "1d", "1d2h3m4s5ms"})
  void format_reads_back(String text) {
    Duration d = Durations.parse("x", text);
    assertThat(Durations.parse("x", Durations.format(d))).isEqualTo(d);
  }
}
