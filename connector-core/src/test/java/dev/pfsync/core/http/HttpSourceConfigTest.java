package dev.pfsync.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpSourceConfigTest {
  private static final HttpSourceConfig DEFAULTS =
      HttpSourceConfig.defaults(URI.create("http://127.0.0.1:5001"));

  @Test
  void defaults_are_valid_and_sensible() {
    assertThat(DEFAULTS.bearerToken()).isEmpty();
    assertThat(DEFAULTS.maxRetries()).isPositive();
    assertThat(DEFAULTS.connectTimeout()).isPositive();
    assertThat(DEFAULTS.readTimeout()).isGreaterThan(DEFAULTS.connectTimeout());
    assertThat(DEFAULTS.maxBackoff()).isGreaterThan(DEFAULTS.initialBackoff());
  }

  @Test
  void withers_change_only_their_fields() {
    HttpSourceConfig c =
        DEFAULTS
            .withBearerToken(Optional.of("t0k"))
            .withTimeouts(Duration.ofMillis(200), Duration.ofMillis(300))
            .withMaxRetries(2)
            .withBackoff(Duration.ZERO, Duration.ofMillis(5))
            .withMaxRetryAfter(Duration.ofSeconds(1));

    assertThat(c)
        .isEqualTo(
            new HttpSourceConfig(
                DEFAULTS.baseUrl(),
                Optional.of("t0k"),
                Duration.ofMillis(200),
                Duration.ofMillis(300),
                2,
                Duration.ZERO,
                Duration.ofMillis(5),
                Duration.ofSeconds(1)));
  }

  @Test
  void rejects_a_url_that_is_not_http_naming_the_field() {
    assertThatThrownBy(() -> HttpSourceConfig.defaults(URI.create("ftp://host/")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("api-url must be http or https");
    assertThatThrownBy(() -> HttpSourceConfig.defaults(URI.create("localhost:5001")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("api-url");
    assertThatThrownBy(() -> HttpSourceConfig.defaults(URI.create("http://u:p@host/")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("api-url must not contain credentials")
        .hasMessageNotContaining("u:p");
  }

  @Test
  void rejects_bad_numbers_naming_the_field() {
    assertThatThrownBy(() -> DEFAULTS.withMaxRetries(-1))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("max-retries");
    assertThatThrownBy(() -> DEFAULTS.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("connect-timeout");
    assertThatThrownBy(() -> DEFAULTS.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(-1)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("read-timeout");
    assertThatThrownBy(() -> DEFAULTS.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("max-backoff");
    assertThatThrownBy(() -> DEFAULTS.withMaxRetryAfter(Duration.ofSeconds(-1)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("max-retry-after");
  }

  @Test
  void rejects_a_blank_or_unprintable_token_without_echoing_it() {
    assertThatThrownBy(() -> DEFAULTS.withBearerToken(Optional.of("  ")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("api-token");
    assertThatThrownBy(() -> DEFAULTS.withBearerToken(Optional.of("secret\r\nX-Evil: 1")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("api-token")
        .hasMessageNotContaining("secret");
  }

  @Test
  void to_string_redacts_the_token() {
    HttpSourceConfig c = DEFAULTS.withBearerToken(Optional.of("s3cr3t-token"));

    assertThat(c.toString())
        .doesNotContain("s3cr3t-token")
        .contains("<redacted>")
        .contains("127.0.0.1:5001");
  }
}
