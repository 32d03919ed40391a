package dev.pfsync.core.http;

import dev.pfsync.core.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link HttpPageSource} reaches the API: where, with which credentials, how long to wait and
 * how hard to retry. Every field is validated here and a bad one fails fast with a {@link
 * ConfigurationException} naming it. {@link #toString()} never shows the token.
 *
 * @param baseUrl the API root, e.g. {@code http://127.0.0.1:5001}; endpoints are appended to it
 * @param bearerToken sent as {@code Authorization: Bearer <token>} when present
 * @param connectTimeout the most to wait for a TCP connection
 * @param readTimeout the most to wait for the next bytes of a response (socket timeout)
 * @param maxRetries retries after the first attempt of a request (0 = no retry)
 * @param initialBackoff the backoff cap of the first retry; it doubles with each retry
 * @param maxBackoff the largest backoff cap (each delay is drawn uniformly in [0, cap])
 * @param maxRetryAfter the longest a {@code Retry-After} header may make a retry wait
 */
public record HttpSourceConfig(
    URI baseUrl,
    Optional<String> bearerToken,
    Duration connectTimeout,
    Duration readTimeout,
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter) {

  public HttpSourceConfig {
    Objects.requireNonNull(baseUrl, "api-url");
    String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new ConfigurationException("api-url must be http or https, was " + baseUrl);
    }
    if (baseUrl.getHost() == null) {
      throw new ConfigurationException("api-url must name a host, was " + baseUrl);
    }
    if (baseUrl.getRawUserInfo() != null) {
      throw new ConfigurationException(
          "api-url must not contain credentials; use api-token instead");
    }
    if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
      throw new ConfigurationException("api-url must not have a query or fragment");
    }
    Objects.requireNonNull(bearerToken, "api-token");
    bearerToken.ifPresent(HttpSourceConfig::checkToken);
    requirePositive("connect-timeout", connectTimeout);
    requirePositive("read-timeout", readTimeout);
    if (maxRetries < 0) {
      throw new ConfigurationException("max-retries cannot be negative, was " + maxRetries);
    }
    requireNotNegative("initial-backoff", initialBackoff);
    requireNotNegative("max-backoff", maxBackoff);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new ConfigurationException(
          "max-backoff (" + maxBackoff + ") cannot be less than initial-backoff " + initialBackoff);
    }
    requireNotNegative("max-retry-after", maxRetryAfter);
  }

  /**
   * Sensible defaults for {@code baseUrl}: no token, connect timeout 10s, read timeout 60s, 6
   * retries, backoff from 500ms up to 30s, Retry-After honoured up to 2 minutes.
   */
  public static HttpSourceConfig defaults(URI baseUrl) {
    return new HttpSourceConfig(
        baseUrl,
        Optional.empty(),
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        6,
        Duration.ofMillis(500),
        Duration.ofSeconds(30),
        Duration.ofMinutes(2));
  }

  /** A copy that sends this bearer token; an empty optional sends none. */
  public HttpSourceConfig withBearerToken(Optional<String> token) {
    return new HttpSourceConfig(
        baseUrl,
        token,
        connectTimeout,
        readTimeout,
        maxRetries,
        initialBackoff,
        maxBackoff,
        maxRetryAfter);
  }

  /** A copy with these connect and read timeouts. */
  public HttpSourceConfig withTimeouts(Duration connect, Duration read) {
    return new HttpSourceConfig(
        baseUrl, bearerToken, connect, read, maxRetries, initialBackoff, maxBackoff, maxRetryAfter);
  }

  /** A copy with this many retries after the first attempt. */
  public HttpSourceConfig withMaxRetries(int retries) {
    return new HttpSourceConfig(
        baseUrl,
        bearerToken,
        connectTimeout,
        readTimeout,
        retries,
        initialBackoff,
        maxBackoff,
        maxRetryAfter);
  }

  /** A copy with this backoff range (the first retry's cap, the largest cap). */
  public HttpSourceConfig withBackoff(Duration initial, Duration max) {
    return new HttpSourceConfig(
        baseUrl, bearerToken, connectTimeout, readTimeout, maxRetries, initial, max, maxRetryAfter);
  }

  /** A copy that honours {@code Retry-After} up to this long. */
  public HttpSourceConfig withMaxRetryAfter(Duration max) {
    return new HttpSourceConfig(
        baseUrl,
        bearerToken,
        connectTimeout,
        readTimeout,
        maxRetries,
        initialBackoff,
        maxBackoff,
        max);
  }

  @Override
  public String toString() {
    return "HttpSourceConfig[baseUrl="
        + baseUrl
        + ", bearerToken="
        + (bearerToken.isPresent() ? "<redacted>" : "<none>")
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", maxRetries="
        + maxRetries
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", maxRetryAfter="
        + maxRetryAfter
        + "]";
  }

  private static void checkToken(String token) {
    if (token.isBlank()) {
      throw new ConfigurationException("api-token cannot be blank");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        // Never echo the token: say only where the bad character is.
        throw new ConfigurationException(
            "api-token must be printable ASCII without spaces (bad character at position "
                + (i + 1)
                + ")");
      }
    }
  }

  private static void requirePositive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new ConfigurationException(name + " must be greater than 0, was " + d);
    }
  }

  private static void requireNotNegative(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new ConfigurationException(name + " cannot be negative, was " + d);
    }
  }
}
