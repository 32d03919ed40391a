package dev.pfsync.mockapi;

import dev.pfsync.mockapi.data.Dataset;
import dev.pfsync.mockapi.data.ServerClock;
import dev.pfsync.mockapi.http.Routes;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import java.net.URI;
import java.time.Instant;

/**
 * A running mock API. Start one in-process (tests use port 0) and close it when done:
 *
 * <pre>{@code
 * try (MockApiServer api = MockApiServer.start(MockApiOptions.defaults().withPort(0).withUsers(5_000))) {
 *   URI users = api.baseUri().resolve("/v1/users?updated_since=1970-01-01T00:00:00Z");
 * }
 * }</pre>
 */
public final class MockApiServer implements AutoCloseable {
  private final MockApiOptions options;
  private final Dataset data;
  private final ServerClock clock;
  private final Instant anchor;
  private final Javalin app;

  private MockApiServer(MockApiOptions options) {
    this.options = options;
    this.clock = new ServerClock(options.now(), options.clockOffset());
    this.anchor = clock.now();
    this.data =
        Dataset.generate(
            options.seed(),
            options.users(),
            options.effectiveBurst(),
            options.historyDays(),
            anchor.getEpochSecond());
    this.app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.http.compressionStrategy = CompressionStrategy.NONE;
              cfg.http.prefer405over404 = true;
              Routes.install(cfg, data, clock, options.token(), options.admin());
            });
  }

  /**
   * Generates the dataset and starts listening; returns once the server accepts connections.
   *
   * @throws IllegalStateException if the port cannot be bound
   */
  public static MockApiServer start(MockApiOptions options) {
    MockApiServer server = new MockApiServer(options);
    try {
      server.app.start(options.host(), options.port());
    } catch (RuntimeException e) {
      server.app.stop();
      throw new IllegalStateException(
          "cannot listen on " + options.host() + ":" + options.port() + ": " + rootMessage(e), e);
    }
    return server;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  /** The bound port (the real one when started with port 0). */
  public int port() {
    return app.port();
  }

  public String host() {
    return options.host();
  }

  /** {@code http://host:port}, without a trailing slash. */
  public String baseUrl() {
    String h = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    return "http://" + h + ":" + port();
  }

  public URI baseUri() {
    return URI.create(baseUrl());
  }

  public MockApiOptions options() {
    return options;
  }

  /**
   * The "now" the dataset was generated around: the server's clock at startup (wall clock plus
   * {@code --clock-offset}, or {@code --now}), whole seconds.
   */
  public Instant anchor() {
    return anchor;
  }

  /**
   * The server's current clock (ticking unless fixed by {@code --now} or {@code POST
   * /admin/clock}).
   */
  public Instant now() {
    return clock.now();
  }

  /** Number of users currently held, tombstones included. */
  public int userCount() {
    return data.users().size();
  }

  /** Number of orders currently held. */
  public int orderCount() {
    return data.orders().size();
  }

  /** The second shared by the bulk-import burst rows. */
  public Instant burstAt() {
    return Instant.ofEpochSecond(data.burstAt());
  }

  /**
   * Stops listening and releases the port; mutation batches still waiting to commit are dropped.
   * Idempotent.
   */
  @Override
  public void close() {
    app.stop();
    data.mutator().close();
  }
}
