package dev.pfsync.core.http;

import dev.pfsync.core.ConfigurationException;
import dev.pfsync.core.Page;
import dev.pfsync.core.PageInterruptedException;
import dev.pfsync.core.PageRequest;
import dev.pfsync.core.PageSource;
import dev.pfsync.core.PageStream;
import dev.pfsync.core.RetriableException;
import dev.pfsync.core.SyncException;
import dev.pfsync.core.SyncStoppedException;
import dev.pfsync.core.TableBinding;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.io.CloseMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PageSource} over HTTP: GETs {@code baseUrl + endpoint} with the keyset query parameters
 * on pooled keep-alive connections, and parses the JSON page as a stream.
 *
 * <p>Connect errors, timeouts, connections dropped while reading, HTTP 5xx and 429 are retried up
 * to {@link HttpSourceConfig#maxRetries()} times, waiting as {@code Retry-After} says or else with
 * exponential backoff and full jitter; then a {@link RetriableException} is thrown. HTTP 401/403, a
 * TLS certificate the JVM does not trust and a host name that never resolved are a {@link
 * ConfigurationException}, other 4xx a {@link SyncException} quoting the API's error, a malformed
 * page a {@link dev.pfsync.core.ProtocolViolationException}: none of these is retried. The bearer
 * token is sent in a header only, never logged nor put in a message.
 *
 * <p>Each request must end within {@link HttpSourceConfig#requestTimeout()} (else it is aborted and
 * retried like a timeout) and a page body may not exceed {@link HttpSourceConfig#maxBodyBytes()} (a
 * protocol violation); of an error body only the first 64 KiB are read. {@link #stop()} ends waits
 * and requests at once.
 *
 * <p>Thread-safe, and meant to be shared: all threads' requests pass one budget before they are
 * sent, which keeps to {@link HttpSourceConfig#maxRequestsPerSecond()}, halves the requests in
 * flight on HTTP 429 (growing back one at a time up to {@link
 * HttpSourceConfig#maxConcurrentRequests()}) and pauses every thread for a {@code Retry-After}. A
 * streamed page holds its place in the budget until it is read to its end or closed. Close the
 * source to release its connections.
 */
public final class HttpPageSource implements PageSource {
  private static final Logger log = LoggerFactory.getLogger(HttpPageSource.class);

  private final HttpSourceConfig config;
  private final CloseableHttpClient client;
  private final Backoff backoff;
  private final Redactor redactor;
  private final PageParser parser;
  private final Exchanges exchanges;
  private final ConnectFailures failures;
  private final SourceTime time;
  private final RequestBudget budget;

  /**
   * A source with real sleeps, an unseeded jitter, the system clock and the process's environment
   * (for its proxy variables).
   */
  public HttpPageSource(HttpSourceConfig config) {
    this(config, Sleeper.SYSTEM, new Random(), Clock.systemUTC());
  }

  /**
   * A source whose waits, jitter and {@code Retry-After} dates are under the caller's control.
   *
   * @param sleeper waits between retries; the time it sleeps also passes for the request budget
   * @param random draws the jitter
   * @param clock reads the time that an HTTP-date {@code Retry-After} is measured from
   */
  public HttpPageSource(HttpSourceConfig config, Sleeper sleeper, Random random, Clock clock) {
    this(config, System.getenv(), sleeper, random, clock);
  }

  /**
   * A source that reads its proxy variables ({@code HTTPS_PROXY}, {@code HTTP_PROXY}, {@code
   * NO_PROXY}, lower-case spellings first) from {@code environment}; the JVM's proxy properties,
   * when set, win over them.
   *
   * @throws ConfigurationException if a proxy variable is not a usable http:// proxy URL
   */
  public HttpPageSource(
      HttpSourceConfig config,
      Map<String, String> environment,
      Sleeper sleeper,
      Random random,
      Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    Proxies proxies = Proxies.of(Map.copyOf(Objects.requireNonNull(environment, "environment")));
    Objects.requireNonNull(sleeper, "sleeper");
    this.backoff =
        new Backoff(
            config.initialBackoff(),
            config.maxBackoff(),
            config.maxRetryAfter(),
            Objects.requireNonNull(random, "random"),
            Objects.requireNonNull(clock, "clock"));
    this.redactor = new Redactor(config.bearerToken());
    this.parser = new PageParser(redactor);
    this.exchanges = new Exchanges(config.requestTimeout(), config.maxBodyBytes());
    this.failures = new ConnectFailures(config.baseUrl());
    this.time = new SourceTime(sleeper, exchanges);
    this.budget =
        new RequestBudget(
            config.maxRequestsPerSecond(), config.maxConcurrentRequests(), time, clock);
    log.debug("API {}: {}", config.baseUrl(), proxies.describe());
    this.client = PooledClient.create(config, proxies);
  }

  @Override
  public Page fetch(TableBinding table, PageRequest request) {
    PageUrl url = PageUrl.of(config.baseUrl(), table, request);
    return request(
        table,
        url,
        (response, exchange) ->
            parser.parse(table, url, exchange.readWhole(response), DateHeader.of(response)));
  }

  /**
   * Opens the page as its body arrives: its records are parsed (and can be written) while the API
   * is still sending the rest. Failures before the first byte of a successful response are retried
   * as in {@link #fetch}; once the body flows, a lost connection is a {@link
   * PageInterruptedException} from the stream, and the caller reads the page again.
   */
  @Override
  public PageStream open(TableBinding table, PageRequest request) {
    PageUrl url = PageUrl.of(config.baseUrl(), table, request);
    return request(
        table,
        url,
        (response, exchange) -> {
          try {
            BodyCapture body = new BodyCapture(exchange.body(response));
            return parser.open(
                table, url, body, DateHeader.of(response), () -> exchange.end(response));
          } catch (IOException | RuntimeException e) {
            exchange.end(response);
            throw e;
          }
        });
  }

  /** What becomes of a successful response; it ends the exchange or hands it over. */
  private interface Success<T> {
    T take(ClassicHttpResponse response, Exchange exchange) throws IOException;
  }

  /** GETs {@code url} until it succeeds, retrying transient failures. */
  private <T> T request(TableBinding table, PageUrl url, Success<T> success) {
    int attempts = config.maxRetries() + 1;
    for (int attempt = 1; ; attempt++) {
      log.debug(
          "table {}: GET {} (attempt {}/{})", table.table(), url.pathAndQuery(), attempt, attempts);
      String failure;
      Optional<String> retryAfter = Optional.empty();
      Exception cause = null;
      // The budget first: the deadline and a pooled connection are only for a request being sent.
      Exchange exchange = exchanges.start(get(url), where(table, url), admitted(table, url));
      try {
        ClassicHttpResponse response = client.executeOpen(null, exchange.request(), null);
        failures.answered();
        int status = response.getCode();
        exchange.answered(status);
        if (status == 429 || status == 503) {
          // At once, before this request's slot is freed: every thread waits from now on.
          backoff.retryAfter(HttpReply.retryAfter(response)).ifPresent(budget::pause);
        }
        if (status >= 200 && status < 300) {
          return success.take(response, exchange);
        }
        HttpReply reply = HttpReply.read(response, exchange);
        if (!reply.isRetriable()) {
          throw rejected(table, url, reply);
        }
        failure = "HTTP " + reply.status() + " (" + ApiError.describe(reply.body(), redactor) + ")";
        retryAfter = reply.retryAfter();
      } catch (IOException | PageInterruptedException e) {
        exchange.end();
        exchange.checkNotStopped(e);
        if (Thread.currentThread().isInterrupted()) {
          throw new SyncException(
              "table " + table.table() + ": interrupted during GET " + url.pathAndQuery(), e);
        }
        if (e instanceof IOException io) {
          Optional<ConfigurationException> permanent = failures.permanent(io, where(table, url));
          if (permanent.isPresent()) {
            throw permanent.get();
          }
        }
        failure =
            redactor.apply(
                e instanceof IOException io
                    ? describe(exchange.explain(io))
                    : String.valueOf(e.getMessage()));
        cause = e;
      } catch (RuntimeException e) {
        exchange.end();
        throw e;
      }
      if (attempt >= attempts) {
        throw new RetriableException(
            "table "
                + table.table()
                + ": GET "
                + url.pathAndQuery()
                + " failed "
                + attempts
                + (attempts == 1 ? " time" : " times")
                + "; last error: "
                + failure,
            cause);
      }
      Duration delay = backoff.delay(attempt, retryAfter);
      log.warn(
          "table {}: GET {} failed: {}; retry {}/{} in {} ms",
          table.table(),
          url.pathAndQuery(),
          failure,
          attempt,
          config.maxRetries(),
          delay.toMillis());
      pause(table, url, delay);
    }
  }

  /**
   * Ends waits between retries and requests in flight at once (their connections are closed); they,
   * and every later call, throw {@link SyncStoppedException}. Callable from any thread.
   */
  @Override
  public void stop() {
    exchanges.stop();
    budget.stop();
  }

  @Override
  public void close() {
    exchanges.close();
    client.close(CloseMode.GRACEFUL);
  }

  /** The base URL, normalized: lower-case scheme and host, no default port, no trailing slash. */
  @Override
  public Optional<String> origin() {
    return Optional.of(origin(config.baseUrl()));
  }

  static String origin(URI url) {
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    int port = url.getPort();
    boolean defaultPort =
        port == -1
            || (scheme.equals("http") && port == 80)
            || (scheme.equals("https") && port == 443);
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return scheme
        + "://"
        + url.getHost().toLowerCase(Locale.ROOT)
        + (defaultPort ? "" : ":" + port)
        + path;
  }

  private static String where(TableBinding table, PageUrl url) {
    return "table " + table.table() + ": GET " + url.pathAndQuery();
  }

  private HttpGet get(PageUrl url) {
    HttpGet get = new HttpGet(url.uri());
    get.setHeader(HttpHeaders.ACCEPT, "application/json");
    config.bearerToken().ifPresent(t -> get.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + t));
    return get;
  }

  /** The permanent failure for a non-retriable, unsuccessful status. */
  private SyncException rejected(TableBinding table, PageUrl url, HttpReply reply) {
    String where = "table " + table.table() + ": GET " + url.pathAndQuery();
    int status = reply.status();
    if (status == 401 || status == 403) {
      return new ConfigurationException(
          "API rejected the credentials (HTTP "
              + status
              + ") for "
              + where
              + ": check api-token; the API said "
              + ApiError.describe(reply.body(), redactor));
    }
    String what = status == 400 ? "rejected the request" : "answered";
    return new SyncException(
        where
            + ": the API "
            + what
            + " HTTP "
            + status
            + ": "
            + ApiError.describe(reply.body(), redactor));
  }

  /** Waits for the budget to let this request go. */
  private RequestBudget.Permit admitted(TableBinding table, PageUrl url) {
    try {
      return budget.acquire(where(table, url), config.requestTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SyncException(
          where(table, url) + ": interrupted while waiting for the request budget", e);
    }
  }

  private void pause(TableBinding table, PageUrl url, Duration delay) {
    try {
      time.sleep(delay);
      exchanges.checkNotStopped(where(table, url) + " (waiting to retry)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SyncException(
          "table "
              + table.table()
              + ": interrupted while waiting to retry GET "
              + url.pathAndQuery(),
          e);
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
