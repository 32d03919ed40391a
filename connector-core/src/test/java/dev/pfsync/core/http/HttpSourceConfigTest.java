package dev.pfsync.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
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
            HttpSourceConfig.builder(DEFAULTS.baseUrl())
                .bearerToken(Optional.of("t0k"))
                .connectTimeout(Duration.ofMillis(200))
                .readTimeout(Duration.ofMillis(300))
                .maxRetries(2)
                .backoff(Duration.ZERO, Duration.ofMillis(5))
                .maxRetryAfter(Duration.ofSeconds(1))
                .build());
    assertThat(c.requestTimeout()).isEqualTo(DEFAULTS.requestTimeout());
    assertThat(c.maxBodyBytes()).isEqualTo(DEFAULTS.maxBodyBytes());
  }

  @Test
  void the_builder_starts_from_the_defaults_and_bounds_each_request() {
    assertThat(HttpSourceConfig.builder(DEFAULTS.baseUrl()).build()).isEqualTo(DEFAULTS);
    assertThat(DEFAULTS.requestTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(DEFAULTS.maxBodyBytes()).isEqualTo(256L * 1024 * 1024);

    HttpSourceConfig c =
        DEFAULTS.toBuilder().requestTimeout(Duration.ofSeconds(30)).maxBodyBytes(1024).build();
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.maxBodyBytes()).isEqualTo(1024);
    assertThat(c.toBuilder().build()).isEqualTo(c);
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
    assertThatThrownBy(() -> DEFAULTS.toBuilder().requestTimeout(Duration.ZERO).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("request-timeout must be greater than 0");
    assertThatThrownBy(() -> DEFAULTS.toBuilder().maxBodyBytes(0).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("max-body-bytes must be at least 1");
  }

  @Test
  void the_request_budget_has_no_rate_limit_and_16_requests_in_flight_by_default() {
    assertThat(DEFAULTS.maxRequestsPerSecond()).isEmpty();
    assertThat(DEFAULTS.maxConcurrentRequests()).isEqualTo(16);

    HttpSourceConfig c =
        DEFAULTS.toBuilder().maxRequestsPerSecond(2.5).maxConcurrentRequests(5).build();
    assertThat(c.maxRequestsPerSecond()).isEqualTo(OptionalDouble.of(2.5));
    assertThat(c.maxConcurrentRequests()).isEqualTo(5);
    assertThat(c.toBuilder().build()).isEqualTo(c);
    assertThat(c.toBuilder().maxRequestsPerSecond(OptionalDouble.empty()).build())
        .isEqualTo(DEFAULTS.toBuilder().maxConcurrentRequests(5).build());
    assertThat(c.toString()).contains("maxRequestsPerSecond=2.5", "maxConcurrentRequests=5");
  }

  @Test
  void rejects_a_request_budget_out_of_bounds_naming_the_setting() {
    for (double rps : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> DEFAULTS.toBuilder().maxRequestsPerSecond(rps).build())
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("max-rps must be greater than 0");
    }
    for (int n : new int[] {0, -3, 257}) {
      assertThatThrownBy(() -> DEFAULTS.toBuilder().maxConcurrentRequests(n).build())
          .isInstanceOf(ConfigurationException.class)
          .hasMessage("max-concurrent-requests must be 1..256, was " + n);
    }
    assertThat(DEFAULTS.toBuilder().maxConcurrentRequests(256).build().maxConcurrentRequests())
        .isEqualTo(256);
    assertThat(DEFAULTS.toBuilder().maxRequestsPerSecond(0.01).build().maxRequestsPerSecond())
        .hasValue(0.01);
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
