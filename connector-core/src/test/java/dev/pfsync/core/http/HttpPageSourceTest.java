package dev.pfsync.core.http;

import static dev.pfsync.core.http.StubApi.drop;
import static dev.pfsync.core.http.StubApi.json;
import static dev.pfsync.core.http.StubApi.slow;
import static dev.pfsync.core.http.StubApi.truncated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.ConfigurationException;
import dev.pfsync.core.Keyset;
import dev.pfsync.core.Page;
import dev.pfsync.core.PageRequest;
import dev.pfsync.core.ProtocolViolationException;
import dev.pfsync.core.RetriableException;
import dev.pfsync.core.SyncException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpPageSourceTest {
  static final String TOKEN = "tok-S3CRET-123";
  static final Instant SINCE = Instant.parse("2026-11-20T08:00:00Z");
  static final PageRequest FIRST = new PageRequest(Keyset.from(SINCE), Optional.empty(), 2);
  static final String USERS_PAGE =
      """
      {"data": [{"id": "a1", "name": "Ann", "updatedAt": "2026-11-20T08:00:00Z", "deletedAt": null},
                {"id": "b2", "name": "Bob", "updatedAt": "2026-11-20T08:00:01Z",
                 "deletedAt": "2026-11-20T08:00:01Z"}],
       "has_more": true, "next": {"updated_since": "2026-11-20T08:00:01Z", "after_id": "b2"}}
      """;

  final StubApi api;
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  HttpPageSourceTest() throws IOException {
    api = new StubApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  HttpSourceConfig config(URI baseUrl) {
    return HttpSourceConfig.defaults(baseUrl)
        .withBearerToken(Optional.of(TOKEN))
        .withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300))
        .withMaxRetries(3)
        .withBackoff(Duration.ofMillis(10), Duration.ofMillis(40))
        .withMaxRetryAfter(Duration.ofSeconds(5));
  }

  HttpPageSource source() {
    return source(config(api.baseUrl()));
  }

  HttpPageSource source(HttpSourceConfig config) {
    return new HttpPageSource(config, sleeps::add, new Random(3), Clock.systemUTC());
  }

  @Test
  void fetches_a_page_sending_the_keyset_query_accept_and_bearer_token() {
    api.then(json(200, USERS_PAGE));
    PageRequest request =
        new PageRequest(
            Keyset.after(SINCE, "a&1"), Optional.of(Instant.parse("2026-11-21T00:00:00Z")), 2);

    try (HttpPageSource source = source()) {
      Page page = source.fetch(Bindings.users(), request);

      assertThat(page.rows()).extracting(r -> r.get("id")).containsExactly("a1", "b2");
      assertThat(page.rows()).extracting(r -> r.deleted()).containsExactly(false, true);
      assertThat(page.hasMore()).isTrue();
      assertThat(page.next()).contains(Keyset.after(Instant.parse("2026-11-20T08:00:01Z"), "b2"));
    }
    StubApi.Seen seen = api.requests().get(0);
    assertThat(seen.path()).isEqualTo("/v1/users");
    assertThat(seen.rawQuery())
        .isEqualTo(
            "updated_since=2026-11-20T08%3A00%3A00Z&after_id=a%261"
                + "&updated_before=2026-11-21T00%3A00%3A00Z&limit=2");
    assertThat(seen.authorization()).contains("Bearer " + TOKEN);
    assertThat(seen.accept()).contains("application/json");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void fetches_an_orders_page_with_epoch_millis_and_integer_keys() {
    api.then(
        json(
            200,
            """
            {"data": [{"order_id": 5, "user_id": "u", "amount_cents": 100, "currency": "EUR",
                       "status": "paid", "modified_at": 1763625600000}],
             "has_more": false, "next": {"modified_since": 1763625600000, "after_order_id": 5}}
            """));
    PageRequest request =
        new PageRequest(
            Keyset.after(Instant.ofEpochMilli(1763625599000L), "4"), Optional.empty(), 50);

    try (HttpPageSource source = source()) {
      Page page = source.fetch(Bindings.orders(), request);

      assertThat(page.rows().get(0).get("order_id")).isEqualTo(5L);
      assertThat(page.next()).contains(Keyset.after(Instant.ofEpochMilli(1763625600000L), "5"));
    }
    assertThat(api.requests().get(0).rawQuery())
        .isEqualTo("modified_since=1763625599000&after_order_id=4&limit=50");
  }

  @Test
  void sends_no_authorization_header_without_a_token() {
    api.then(json(200, USERS_PAGE));

    try (HttpPageSource source = source(config(api.baseUrl()).withBearerToken(Optional.empty()))) {
      source.fetch(Bindings.users(), FIRST);
    }
    assertThat(api.requests().get(0).authorization()).isEmpty();
  }

  @Test
  void reuses_a_kept_alive_connection_for_the_next_pages() {
    api.then(json(200, USERS_PAGE));

    try (HttpPageSource source = source()) {
      for (int i = 0; i < 3; i++) {
        source.fetch(Bindings.users(), FIRST);
      }
    }
    assertThat(api.requests())
        .extracting(StubApi.Seen::remotePort)
        .hasSize(3)
        .containsOnly(api.requests().get(0).remotePort());
  }

  @Test
  void retries_a_503_and_then_returns_the_page() {
    api.then(json(503, "{\"error\": \"busy\"}"), json(200, USERS_PAGE));

    try (HttpPageSource source = source()) {
      assertThat(source.fetch(Bindings.users(), FIRST).rows()).hasSize(2);
    }
    assertThat(api.requests()).hasSize(2);
    assertThat(sleeps)
        .singleElement()
        .satisfies(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(10)));
  }

  @Test
  void waits_as_retry_after_says_on_429() {
    api.then(json(429, "{\"error\": \"slow down\"}", "Retry-After", "2"), json(200, USERS_PAGE));

    try (HttpPageSource source = source()) {
      source.fetch(Bindings.users(), FIRST);
    }
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void caps_a_long_retry_after() {
    api.then(json(503, "{}", "Retry-After", "3600"), json(200, USERS_PAGE));

    try (HttpPageSource source = source()) {
      source.fetch(Bindings.users(), FIRST);
    }
    assertThat(sleeps).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  void gives_up_after_max_retries_naming_the_path_and_the_last_status() {
    api.then(json(502, "{\"error\": \"bad gateway\"}"));

    try (HttpPageSource source = source()) {
      assertThatThrownBy(() -> source.fetch(Bindings.users(), FIRST))
          .isInstanceOf(RetriableException.class)
          .hasMessageContaining("table user")
          .hasMessageContaining("/v1/users?updated_since=2026-11-20T08%3A00%3A00Z&limit=2")
          .hasMessageContaining("failed 4 times")
          .hasMessageContaining("HTTP 502")
          .hasMessageContaining("bad gateway")
          .hasMessageNotContaining(TOKEN);
    }
    assertThat(api.requests()).hasSize(4);
    assertThat(sleeps).hasSize(3);
    assertThat(sleeps.get(0)).isLessThanOrEqualTo(Duration.ofMillis(10));
    assertThat(sleeps.get(1)).isLessThanOrEqualTo(Duration.ofMillis(20));
    assertThat(sleeps.get(2)).isLessThanOrEqualTo(Duration.ofMillis(40));
  }

  @Test
  void retries_after_a_read_timeout() {
    api.then(slow(1_000, json(200, USERS_PAGE)), json(200, USERS_PAGE));

    long start = System.nanoTime();
    try (HttpPageSource source = source()) {
      assertThat(source.fetch(Bindings.users(), FIRST).rows()).hasSize(2);
    }
    assertThat(api.requests()).hasSize(2);
    assertThat(sleeps).hasSize(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
  }

  @Test
  void retries_a_connection_dropped_before_the_answer() {
    api.then(drop(), json(200, USERS_PAGE));

    try (HttpPageSource source = source()) {
      assertThat(source.fetch(Bindings.users(), FIRST).rows()).hasSize(2);
    }
    assertThat(api.requests()).hasSize(2);
  }

  @Test
  void retries_a_body_cut_short_by_a_dropped_connection() {
    api.then(truncated(USERS_PAGE), json(200, USERS_PAGE));

    try (HttpPageSource source = source()) {
      assertThat(source.fetch(Bindings.users(), FIRST).rows()).hasSize(2);
    }
    assertThat(api.requests()).hasSize(2);
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void retries_connect_errors_then_gives_up() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    HttpSourceConfig config =
        config(URI.create("http://127.0.0.1:" + closedPort)).withMaxRetries(2);

    try (HttpPageSource source = source(config)) {
      assertThatThrownBy(() -> source.fetch(Bindings.users(), FIRST))
          .isInstanceOf(RetriableException.class)
          .hasMessageContaining("failed 3 times")
          .hasMessageContaining("Connect")
          .hasCauseInstanceOf(IOException.class);
    }
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void does_not_retry_a_complete_body_that_is_not_json() {
    api.then(json(200, "this is not json"));

    try (HttpPageSource source = source()) {
      assertThatThrownBy(() -> source.fetch(Bindings.users(), FIRST))
          .isInstanceOf(ProtocolViolationException.class)
          .hasMessageContaining("table user")
          .hasMessageContaining("this is not json");
    }
    assertThat(api.requests()).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void reports_rejected_credentials_as_a_configuration_error() {
    api.then(json(401, "{\"error\": \"missing or invalid bearer token\"}"));

    try (HttpPageSource source = source()) {
      assertThatThrownBy(() -> source.fetch(Bindings.users(), FIRST))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("API rejected the credentials (HTTP 401)")
          .hasMessageContaining("missing or invalid bearer token")
          .hasMessageNotContaining(TOKEN);
    }
    assertThat(api.requests()).hasSize(1);
  }

  @Test
  void reports_a_400_with_the_apis_error_and_param_without_retrying() {
    api.then(json(400, "{\"error\": \"limit must be 1..10000\", \"param\": \"limit\"}"));

    try (HttpPageSource source = source()) {
      assertThatThrownBy(() -> source.fetch(Bindings.users(), FIRST))
          .isInstanceOf(SyncException.class)
          .isNotInstanceOf(RetriableException.class)
          .hasMessageContaining("HTTP 400")
          .hasMessageContaining("limit must be 1..10000")
          .hasMessageContaining("param limit")
          .hasMessageContaining("/v1/users");
    }
    assertThat(api.requests()).hasSize(1);
  }

  @Test
  void reports_a_404_as_permanent() {
    api.then(json(404, "{\"error\": \"no such path\"}"));

    try (HttpPageSource source = source()) {
      assertThatThrownBy(() -> source.fetch(Bindings.users(), FIRST))
          .isInstanceOf(SyncException.class)
          .isNotInstanceOfAny(RetriableException.class, ConfigurationException.class)
          .hasMessageContaining("HTTP 404")
          .hasMessageContaining("no such path");
    }
    assertThat(api.requests()).hasSize(1);
  }

  @Test
  void stops_waiting_when_interrupted_and_keeps_the_interrupt() {
    api.then(json(503, "{}"));
    HttpPageSource source =
        new HttpPageSource(
            config(api.baseUrl()),
            d -> {
              throw new InterruptedException();
            },
            new Random(),
            Clock.systemUTC());

    try (source) {
      assertThatThrownBy(() -> source.fetch(Bindings.users(), FIRST))
          .isInstanceOf(SyncException.class)
          .isNotInstanceOf(RetriableException.class)
          .hasMessageContaining("interrupted");
      assertThat(Thread.interrupted()).isTrue();
    }
  }
}
