package dev.pfsync.core.http;

import dev.pfsync.core.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How {@link HttpPageSource} reaches the API: where, with which credentials, how long to wait, how
 * much to read and how hard to retry. Build one with {@link #builder(URI)}; every field is
 * validated here and a bad one fails fast with a {@link ConfigurationException} naming it. {@link
 * #toString()} never shows the token.
 *
 * @param baseUrl the API root, e.g. {@code http://127.0.0.1:5001}; endpoints are appended to it
 * @param bearerToken sent as {@code Authorization: Bearer <token>} when present
 * @param connectTimeout the most to wait for a TCP connection
 * @param readTimeout the most to wait for the next bytes of a response (socket timeout)
 * @param requestTimeout the most one request may take, from sending it to the last byte of its
 *     body: a server that trickles bytes (never tripping the read timeout) is cut off here
 * @param maxRetries retries after the first attempt of a request (0 = no retry)
 * @param initialBackoff the backoff cap of the first retry; it doubles with each retry
 * @param maxBackoff the largest backoff cap (each delay is drawn uniformly in [0, cap])
 * @param maxRetryAfter the longest a {@code Retry-After} header may make a retry wait
 * @param maxBodyBytes the largest page body, counted after decompression; a longer one is a
 *     protocol violation
 * @param maxRequestsPerSecond requests per second sent by the whole source, retries included, from
 *     every thread together ({@code --max-rps}); empty = no rate limit
 * @param maxConcurrentRequests the most requests in flight at once, from every thread together: the
 *     ceiling of the limit that halves on HTTP 429 and grows back, and the size of the connection
 *     pool (1..256)
 */
public record HttpSourceConfig(
    URI baseUrl,
    Optional<String> bearerToken,
    Duration connectTimeout,
    Duration readTimeout,
    Duration requestTimeout,
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter,
    long maxBodyBytes,
    OptionalDouble maxRequestsPerSecond,
    int maxConcurrentRequests) {

  // A pool of connections for a few worker threads, not a load generator.
  private static final int MAX_CONCURRENT_REQUESTS = 256;

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
    requirePositive("request-timeout", requestTimeout);
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
    if (maxBodyBytes < 1) {
      throw new ConfigurationException("max-body-bytes must be at least 1, was " + maxBodyBytes);
    }
    Objects.requireNonNull(maxRequestsPerSecond, "max-rps");
    if (maxRequestsPerSecond.isPresent()) {
      double rps = maxRequestsPerSecond.getAsDouble();
      if (!(rps > 0) || Double.isInfinite(rps)) {
        throw new ConfigurationException("max-rps must be greater than 0, was " + rps);
      }
    }
    if (maxConcurrentRequests < 1 || maxConcurrentRequests > MAX_CONCURRENT_REQUESTS) {
      throw new ConfigurationException(
          "max-concurrent-requests must be 1.."
              + MAX_CONCURRENT_REQUESTS
              + ", was "
              + maxConcurrentRequests);
    }
  }

  /**
   * A builder starting from the defaults for {@code baseUrl}: no token, connect timeout 10s, read
   * timeout 60s, request timeout 5m, 6 retries, backoff from 500ms up to 30s, Retry-After honoured
   * up to 2 minutes, page bodies up to 256 MiB, no rate limit, at most 16 requests in flight.
   */
  public static Builder builder(URI baseUrl) {
    return new Builder(baseUrl);
  }

  /** The defaults for {@code baseUrl} (see {@link #builder(URI)}). */
  public static HttpSourceConfig defaults(URI baseUrl) {
    return builder(baseUrl).build();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy that sends this bearer token; an empty optional sends none. */
  public HttpSourceConfig withBearerToken(Optional<String> token) {
    return toBuilder().bearerToken(token).build();
  }

  /** A copy with these connect and read timeouts. */
  public HttpSourceConfig withTimeouts(Duration connect, Duration read) {
    return toBuilder().connectTimeout(connect).readTimeout(read).build();
  }

  /** A copy with this many retries after the first attempt. */
  public HttpSourceConfig withMaxRetries(int retries) {
    return toBuilder().maxRetries(retries).build();
  }

  /** A copy with this backoff range (the first retry's cap, the largest cap). */
  public HttpSourceConfig withBackoff(Duration initial, Duration max) {
    return toBuilder().backoff(initial, max).build();
  }

  /** A copy that honours {@code Retry-After} up to this long. */
  public HttpSourceConfig withMaxRetryAfter(Duration max) {
    return toBuilder().maxRetryAfter(max).build();
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
        + ", requestTimeout="
        + requestTimeout
        + ", maxRetries="
        + maxRetries
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", maxRetryAfter="
        + maxRetryAfter
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", maxRequestsPerSecond="
        + (maxRequestsPerSecond.isPresent() ? maxRequestsPerSecond.getAsDouble() : "<none>")
        + ", maxConcurrentRequests="
        + maxConcurrentRequests
        + "]";
  }

  /** Collects settings; {@link #build()} validates them all at once. */
  public static final class Builder {
    private final URI baseUrl;
    private Optional<String> bearerToken = Optional.empty();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);
    private Duration requestTimeout = Duration.ofMinutes(5);
    private int maxRetries = 6;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration maxRetryAfter = Duration.ofMinutes(2);
    private long maxBodyBytes = 256L * 1024 * 1024;
    private OptionalDouble maxRequestsPerSecond = OptionalDouble.empty();
    private int maxConcurrentRequests = 16;

    private Builder(URI baseUrl) {
      this.baseUrl = baseUrl;
    }

    private Builder(HttpSourceConfig c) {
      this(c.baseUrl);
      bearerToken = c.bearerToken;
      connectTimeout = c.connectTimeout;
      readTimeout = c.readTimeout;
      requestTimeout = c.requestTimeout;
      maxRetries = c.maxRetries;
      initialBackoff = c.initialBackoff;
      maxBackoff = c.maxBackoff;
      maxRetryAfter = c.maxRetryAfter;
      maxBodyBytes = c.maxBodyBytes;
      maxRequestsPerSecond = c.maxRequestsPerSecond;
      maxConcurrentRequests = c.maxConcurrentRequests;
    }

    /** Sends this bearer token; an empty optional sends none. */
    public Builder bearerToken(Optional<String> token) {
      bearerToken = token;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      connectTimeout = timeout;
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      readTimeout = timeout;
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      requestTimeout = timeout;
      return this;
    }

    public Builder maxRetries(int retries) {
      maxRetries = retries;
      return this;
    }

    /** The first retry's backoff cap and the largest cap. */
    public Builder backoff(Duration initial, Duration max) {
      initialBackoff = initial;
      maxBackoff = max;
      return this;
    }

    public Builder maxRetryAfter(Duration max) {
      maxRetryAfter = max;
      return this;
    }

    public Builder maxBodyBytes(long max) {
      maxBodyBytes = max;
      return this;
    }

    /** Requests per second, from all threads together; empty = no limit (the default). */
    public Builder maxRequestsPerSecond(OptionalDouble rps) {
      maxRequestsPerSecond = rps;
      return this;
    }

    /** Requests per second, from all threads together. */
    public Builder maxRequestsPerSecond(double rps) {
      return maxRequestsPerSecond(OptionalDouble.of(rps));
    }

    /**
     * The most requests in flight at once (default 16); a caller running {@code n} threads on one
     * source sets at least {@code n}, or the threads queue for the API.
     */
    public Builder maxConcurrentRequests(int max) {
      maxConcurrentRequests = max;
      return this;
    }

    public HttpSourceConfig build() {
      return new HttpSourceConfig(
          baseUrl,
          bearerToken,
          connectTimeout,
          readTimeout,
          requestTimeout,
          maxRetries,
          initialBackoff,
          maxBackoff,
          maxRetryAfter,
          maxBodyBytes,
          maxRequestsPerSecond,
          maxConcurrentRequests);
    }
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
