package dev.pfsync.core.http;

import static dev.pfsync.core.http.StubApi.json;
import static dev.pfsync.core.http.StubApi.slow;
import static dev.pfsync.core.http.StubApi.trickle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.PageStream;
import dev.pfsync.core.SyncStoppedException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link HttpPageSource#stop()}: waits and requests in progress end within a second. */
class StopTest {
  final StubApi api;

  StopTest() throws IOException {
    api = new StubApi();
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  /** Real waits (Sleeper.SYSTEM), Retry-After honoured up to its default 2 minutes. */
  HttpPageSource source() {
    return new HttpPageSource(HttpSourceConfig.defaults(api.baseUrl()));
  }

  /** Runs {@code call} on another thread, stops the source after 200 ms, returns what it threw. */
  static Throwable stoppedDuring(HttpPageSource source, Supplier<?> call) throws Exception {
    CompletableFuture<?> running = CompletableFuture.supplyAsync(call);
    Thread.sleep(200);
    assertThat(running).as("still waiting when stopped").isNotDone();
    long start = System.nanoTime();
    source.stop();
    try {
      running.get(1, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
      return e.getCause();
    }
    throw new AssertionError("the call ended normally");
  }

  @Test
  void a_stop_ends_a_long_retry_after_wait_at_once() throws Exception {
    api.then(json(429, "{\"error\": \"slow down\"}", "Retry-After", "120"));

    try (HttpPageSource source = source()) {
      Throwable thrown =
          stoppedDuring(source, () -> source.fetch(Bindings.users(), HttpPageSourceTest.FIRST));

      assertThat(thrown)
          .isInstanceOf(SyncStoppedException.class)
          .hasMessageContaining("table user: GET /v1/users");
      assertThatThrownBy(() -> source.fetch(Bindings.users(), HttpPageSourceTest.FIRST))
          .as("a later call")
          .isInstanceOf(SyncStoppedException.class);
    }
    assertThat(api.requests()).hasSize(1);
  }

  @Test
  void a_stop_ends_a_wait_for_the_request_budget_at_once() throws Exception {
    api.then(json(200, HttpPageSourceTest.USERS_PAGE));

    try (HttpPageSource source =
        new HttpPageSource(
            HttpSourceConfig.builder(api.baseUrl()).maxRequestsPerSecond(0.1).build())) {
      source.fetch(Bindings.users(), HttpPageSourceTest.FIRST); // the next waits 10 s for a token
      Throwable thrown =
          stoppedDuring(source, () -> source.fetch(Bindings.users(), HttpPageSourceTest.FIRST));

      assertThat(thrown)
          .isInstanceOf(SyncStoppedException.class)
          .hasMessageContaining("table user: GET /v1/users")
          .hasMessageContaining("waiting for the request budget");
    }
    assertThat(api.requests()).hasSize(1);
  }

  @Test
  void a_stop_ends_the_wait_of_a_thread_paused_by_another_threads_retry_after() throws Exception {
    api.then(json(429, "{\"error\": \"slow down\"}", "Retry-After", "120"));

    try (HttpPageSource source = source()) {
      CompletableFuture<?> first =
          CompletableFuture.runAsync(
              () -> source.fetch(Bindings.users(), HttpPageSourceTest.FIRST));
      while (api.requests().isEmpty()) {
        Thread.sleep(10);
      }
      Thread.sleep(100); // the 429 is in: the budget is paused
      Throwable thrown =
          stoppedDuring(source, () -> source.fetch(Bindings.users(), HttpPageSourceTest.FIRST));

      assertThat(thrown).isInstanceOf(SyncStoppedException.class);
      assertThat(first).failsWithin(Duration.ofSeconds(1));
    }
    assertThat(api.requests()).hasSize(1);
  }

  @Test
  void a_stop_aborts_a_request_waiting_for_its_answer() throws Exception {
    api.then(slow(10_000, json(200, HttpPageSourceTest.USERS_PAGE)));

    try (HttpPageSource source = source()) {
      assertThat(
              stoppedDuring(source, () -> source.fetch(Bindings.users(), HttpPageSourceTest.FIRST)))
          .isInstanceOf(SyncStoppedException.class);
    }
  }

  @Test
  void a_stop_aborts_a_page_whose_body_is_streaming() throws Exception {
    api.then(trickle("{\"data\": [", 100));

    try (HttpPageSource source = source();
        PageStream page = source.open(Bindings.users(), HttpPageSourceTest.FIRST)) {
      assertThat(stoppedDuring(source, page::next)).isInstanceOf(SyncStoppedException.class);
    }
  }
}
