package dev.pfsync.core.http;

import static dev.pfsync.core.http.StubApi.json;
import static dev.pfsync.core.http.StubApi.slow;
import static dev.pfsync.core.http.StubApi.trickle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.PageInterruptedException;
import dev.pfsync.core.PageStream;
import dev.pfsync.core.ProtocolViolationException;
import dev.pfsync.core.RetriableException;
import dev.pfsync.core.SyncException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What one request may cost: a bounded body, a bounded error body, a whole-request deadline. */
class RequestBoundsTest {
  static final int MIB = 1 << 20;

  final StubApi api;
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  RequestBoundsTest() throws IOException {
    api = new StubApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  HttpSourceConfig.Builder config() {
    return HttpSourceConfig.builder(api.baseUrl())
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(5))
        .maxRetries(1)
        .backoff(Duration.ofMillis(10), Duration.ofMillis(10));
  }

  HttpPageSource source(HttpSourceConfig config) {
    return new HttpPageSource(config, sleeps::add, new Random(3), Clock.systemUTC());
  }

  static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  @Test
  void a_gzip_bomb_fails_at_the_default_bound_of_the_inflated_body_without_filling_the_heap() {
    // ~300 KiB on the wire, 300 MiB inflated: a string the page parser skips without keeping it,
    // so only the bound can stop it.
    byte[] bomb = GzipBomb.of("{\"padding\": \"", 300, "\", \"data\": [], \"has_more\": false}");
    assertThat(bomb.length).isLessThan(MIB);
    api.then(
        ex -> {
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.getResponseHeaders().set("Content-Encoding", "gzip");
          ex.sendResponseHeaders(200, bomb.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(bomb);
          }
        });

    try (HttpPageSource source = source(config().build())) {
      assertThatThrownBy(
              () -> {
                try (PageStream page = source.open(Bindings.users(), HttpPageSourceTest.FIRST)) {
                  page.next();
                }
              })
          .isInstanceOf(ProtocolViolationException.class)
          .hasMessageContaining("table user: GET /v1/users?")
          .hasMessageContaining("page body over " + 256L * MIB + " bytes");
    }
    assertThat(api.requests()).as("a violation is not retried").hasSize(1);
  }

  @Test
  void a_page_fetched_whole_is_bounded_too_and_not_retried() {
    String big =
        "{\"padding\": \"" + "x".repeat(2 * MIB) + "\", \"data\": [], \"has_more\": false}";
    api.then(json(200, big));

    try (HttpPageSource source = source(config().maxBodyBytes(MIB).build())) {
      assertThatThrownBy(() -> source.fetch(Bindings.users(), HttpPageSourceTest.FIRST))
          .isInstanceOf(ProtocolViolationException.class)
          .hasMessageContaining("page body over " + MIB + " bytes (max-body-bytes)");
    }
    assertThat(api.requests()).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void a_10_mb_error_body_is_not_read_whole() throws InterruptedException {
    int size = 10 * 1000 * 1000;
    AtomicLong written = new AtomicLong();
    CountDownLatch serverDone = new CountDownLatch(1);
    api.then(
        ex -> {
          try {
            ex.sendResponseHeaders(400, size);
            OutputStream out = ex.getResponseBody();
            byte[] chunk = "no such thing; ".repeat(4096).getBytes();
            while (written.get() < size) {
              int n = (int) Math.min(chunk.length, size - written.get());
              out.write(chunk, 0, n);
              out.flush();
              written.addAndGet(n);
            }
            out.close();
          } finally {
            serverDone.countDown();
          }
        });

    try (HttpPageSource source = source(config().build())) {
      assertThatThrownBy(() -> source.fetch(Bindings.users(), HttpPageSourceTest.FIRST))
          .isInstanceOf(SyncException.class)
          .hasMessageContaining("HTTP 400")
          .hasMessageContaining("no such thing;");
    }
    assertThat(serverDone.await(10, TimeUnit.SECONDS)).isTrue();
    // Had the client drained the body, the server would have written all of it.
    assertThat(written.get()).as("bytes the server could send").isLessThan(size);
  }

  @Test
  void a_server_trickling_bytes_is_cut_off_at_the_request_deadline_on_each_attempt() {
    api.then(trickle("", 200));
    HttpSourceConfig config = config().requestTimeout(Duration.ofSeconds(1)).build();

    long start = System.nanoTime();
    try (HttpPageSource source = source(config)) {
      assertThatThrownBy(() -> source.fetch(Bindings.users(), HttpPageSourceTest.FIRST))
          .isInstanceOf(RetriableException.class)
          .hasMessageContaining("failed 2 times")
          .hasMessageContaining("exceeded the request deadline of 1s");
    }
    assertThat(millisSince(start)).as("two attempts of ~1 s").isBetween(1_900L, 4_000L);
    assertThat(api.requests()).hasSize(2);
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void the_request_deadline_starts_when_the_request_is_sent_not_while_it_waits_for_the_budget() {
    api.then(
        json(200, HttpPageSourceTest.USERS_PAGE),
        slow(1_500, json(200, HttpPageSourceTest.USERS_PAGE)));
    HttpSourceConfig config =
        config().requestTimeout(Duration.ofSeconds(2)).maxRequestsPerSecond(1).build();

    try (HttpPageSource source = source(config)) {
      source.fetch(Bindings.users(), HttpPageSourceTest.FIRST);
      long start = System.nanoTime();
      // ~1 s for a token, then 1.5 s for the answer: over 2 s in all, under 2 s since it was sent.
      assertThat(source.fetch(Bindings.users(), HttpPageSourceTest.FIRST).rows()).hasSize(2);
      assertThat(millisSince(start)).isGreaterThan(2_100L);
    }
    assertThat(api.requests()).hasSize(2);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void a_wait_for_the_budget_longer_than_the_request_deadline_fails_naming_the_wait() {
    api.then(json(200, HttpPageSourceTest.USERS_PAGE));
    HttpSourceConfig config =
        config().requestTimeout(Duration.ofSeconds(1)).maxRequestsPerSecond(0.2).build();

    try (HttpPageSource source = source(config)) {
      source.fetch(Bindings.users(), HttpPageSourceTest.FIRST);
      long start = System.nanoTime();
      assertThatThrownBy(() -> source.fetch(Bindings.users(), HttpPageSourceTest.FIRST))
          .isInstanceOf(RetriableException.class)
          .hasMessage(
              "table user: GET /v1/users?updated_since=2026-11-20T08%3A00%3A00Z&limit=2: waited"
                  + " more than 1s (request-timeout) for the request budget (max-rps 0.2, 0 in"
                  + " flight, limit 16 of 16, 0 other requests waiting)");
      assertThat(millisSince(start)).isBetween(900L, 3_000L);
    }
    assertThat(api.requests()).hasSize(1);
  }

  @Test
  void a_streamed_body_trickling_past_the_deadline_interrupts_the_page() {
    api.then(trickle("{\"data\": [", 200));
    HttpSourceConfig config = config().requestTimeout(Duration.ofSeconds(1)).build();

    try (HttpPageSource source = source(config);
        PageStream page = source.open(Bindings.users(), HttpPageSourceTest.FIRST)) {
      long start = System.nanoTime();
      assertThatThrownBy(page::next)
          .isInstanceOf(PageInterruptedException.class)
          .hasMessageContaining("exceeded the request deadline of 1s");
      assertThat(millisSince(start)).isLessThan(2_000L);
    }
  }
}
