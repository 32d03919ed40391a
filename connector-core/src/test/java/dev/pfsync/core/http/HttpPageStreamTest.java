package dev.pfsync.core.http;

import static dev.pfsync.core.http.StubApi.drop;
import static dev.pfsync.core.http.StubApi.json;
import static dev.pfsync.core.http.StubApi.truncated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.Page;
import dev.pfsync.core.PageEnd;
import dev.pfsync.core.PageInterruptedException;
import dev.pfsync.core.PageStream;
import dev.pfsync.core.ProtocolViolationException;
import dev.pfsync.core.Row;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link HttpPageSource#open}: a page parsed as its body arrives. */
class HttpPageStreamTest {
  final StubApi api;
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  HttpPageStreamTest() throws IOException {
    api = new StubApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  HttpPageSource source() {
    HttpSourceConfig config =
        HttpSourceConfig.defaults(api.baseUrl())
            .withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300))
            .withMaxRetries(3)
            .withBackoff(Duration.ofMillis(10), Duration.ofMillis(40));
    return new HttpPageSource(config, sleeps::add, new Random(3), Clock.systemUTC());
  }

  static List<Row> rows(PageStream page) {
    List<Row> rows = new ArrayList<>();
    for (Row row = page.next(); row != null; row = page.next()) {
      rows.add(row);
    }
    return rows;
  }

  @Test
  void a_streamed_page_has_the_rows_and_end_of_the_fetched_page_and_reuses_the_connection() {
    api.then(json(200, HttpPageSourceTest.USERS_PAGE));
    try (HttpPageSource source = source()) {
      Page whole = source.fetch(Bindings.users(), HttpPageSourceTest.FIRST);
      for (int i = 0; i < 3; i++) {
        try (PageStream page = source.open(Bindings.users(), HttpPageSourceTest.FIRST)) {
          assertThat(rows(page)).isEqualTo(whole.rows());
          PageEnd end = page.end();
          // The server's time may have ticked between the requests: only its presence is equal.
          assertThat(end)
              .isEqualTo(
                  new PageEnd(whole.hasMore(), whole.next(), whole.rejected(), end.serverTime()));
          assertThat(end.serverTime()).isPresent();
        }
      }
    }
    // A page read to its end gives its connection back to the pool: one connection for all.
    assertThat(api.requests()).hasSize(4);
    assertThat(api.requests().stream().map(StubApi.Seen::remotePort).distinct()).hasSize(1);
  }

  @Test
  void failures_before_the_body_are_retried_before_open_returns() {
    api.then(drop(), json(503, "{\"error\":\"busy\"}"), json(200, HttpPageSourceTest.USERS_PAGE));
    try (HttpPageSource source = source();
        PageStream page = source.open(Bindings.users(), HttpPageSourceTest.FIRST)) {
      assertThat(rows(page)).hasSize(2);
    }
    assertThat(api.requests()).hasSize(3);
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void a_connection_lost_mid_body_interrupts_the_stream_rather_than_calling_the_page_malformed() {
    // Half of the body arrives: the first record whole, then the connection closes.
    api.then(truncated(HttpPageSourceTest.USERS_PAGE));
    try (HttpPageSource source = source();
        PageStream page = source.open(Bindings.users(), HttpPageSourceTest.FIRST)) {
      assertThat(page.next()).isNotNull();
      assertThatThrownBy(page::next)
          .isInstanceOf(PageInterruptedException.class)
          .hasMessageContaining("GET /v1/users");
    }
  }

  @Test
  void a_malformed_body_is_still_a_protocol_violation_quoting_its_start() {
    String broken = HttpPageSourceTest.USERS_PAGE.substring(0, 120) + "<html>oops";
    api.then(json(200, broken));
    try (HttpPageSource source = source();
        PageStream page = source.open(Bindings.users(), HttpPageSourceTest.FIRST)) {
      assertThatThrownBy(() -> rows(page))
          .isInstanceOf(ProtocolViolationException.class)
          .hasMessageContaining("invalid JSON")
          .hasMessageContaining("{\"data\"");
    }
  }

  @Test
  void pages_closed_before_their_end_do_not_exhaust_the_connection_pool() {
    api.then(json(200, HttpPageSourceTest.USERS_PAGE));
    try (HttpPageSource source = source()) {
      // More than the pool holds (8 per route): a leaked connection would block a lease,
      // which times out after 300 ms and fails the open.
      for (int i = 0; i < 20; i++) {
        try (PageStream page = source.open(Bindings.users(), HttpPageSourceTest.FIRST)) {
          assertThat(page.next()).isNotNull();
        }
      }
    }
    assertThat(api.requests()).hasSize(20);
  }
}
