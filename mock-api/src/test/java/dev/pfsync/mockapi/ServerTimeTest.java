package dev.pfsync.mockapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server's clock over HTTP: the offset, fixed clocks and the {@code Date} header. */
class ServerTimeTest {
  static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");
  static final String PAGE = "/v1/users?updated_since=1970-01-01T00:00:00Z";

  @Test
  void a_clock_offset_of_minus_60s_stamps_mutations_and_the_date_header_a_minute_behind() {
    assertRunsBehindTheWallClockBy(Duration.ofSeconds(-60));
  }

  @Test
  void a_clock_offset_of_plus_60s_stamps_mutations_and_the_date_header_a_minute_ahead() {
    assertRunsBehindTheWallClockBy(Duration.ofSeconds(60));
  }

  private static void assertRunsBehindTheWallClockBy(Duration offset) {
    MockApiOptions options =
        MockApiOptions.defaults()
            .withPort(0)
            .withUsers(500)
            .withClockOffset(offset)
            .withAdmin(true);
    Instant startedAfter = Instant.now().plus(offset);
    try (MockApiServer api = MockApiServer.start(options)) {
      TestClient client = new TestClient(api);
      assertThat(api.anchor()).isBetween(seconds(startedAfter), Instant.now().plus(offset));

      Instant before = Instant.now().plus(offset);
      TestClient.Response r = client.post("/admin/mutations", "{\"updates\": 3, \"inserts\": 2}");
      Instant after = Instant.now().plus(offset);
      Instant stamped = Instant.parse(r.json().get("now").asText());
      assertThat(stamped).isBetween(seconds(before), after);
      assertThat(date(r)).isBetween(seconds(before), after);

      before = Instant.now().plus(offset);
      TestClient.Response page = client.get(PAGE + "&limit=10");
      after = Instant.now().plus(offset);
      assertThat(date(page)).isBetween(seconds(before), after);

      for (JsonNode row : client.truth("users")) {
        assertThat(Instant.parse(row.get("updatedAt").asText())).isBeforeOrEqualTo(stamped);
      }
    }
  }

  @Test
  void the_offset_clock_ticks() throws InterruptedException {
    MockApiOptions options =
        MockApiOptions.defaults()
            .withPort(0)
            .withUsers(10)
            .withClockOffset(Duration.ofSeconds(-60))
            .withAdmin(true);
    try (MockApiServer api = MockApiServer.start(options)) {
      TestClient client = new TestClient(api);
      Instant first = date(client.get("/admin/clock"));
      Thread.sleep(1_100);
      TestClient.Response later = client.get("/admin/clock");
      assertThat(date(later)).isAfter(first);
      assertThat(Instant.parse(later.json().get("now").asText())).isAfter(first);
    }
  }

  @Test
  void the_date_header_is_present_exactly_once_on_every_kind_of_response() {
    MockApiOptions options =
        MockApiOptions.defaults()
            .withPort(0)
            .withUsers(2_000)
            .withNow(NOW)
            .withToken("s3cret")
            .withAdmin(true);
    try (MockApiServer api = MockApiServer.start(options)) {
      TestClient client = new TestClient(api, Optional.of("s3cret"));
      TestClient.Response chunked = client.get(PAGE + "&limit=1000");
      assertThat(chunked.status()).isEqualTo(200);
      assertThat(chunked.raw().headers().firstValue("Transfer-Encoding")).contains("chunked");
      TestClient.Response small = client.get(PAGE + "&limit=1");
      assertThat(small.header("Content-Length")).isPresent();
      List<TestClient.Response> responses =
          List.of(
              chunked,
              small,
              client.get("/v1/orders?modified_since=0&limit=5"),
              client.get("/v1/users?limit=ten"),
              new TestClient(api).get(PAGE),
              client.get("/v1/nothing"),
              client.post("/v1/users", ""),
              client.get("/admin/clock"),
              client.get("/admin/truth?resource=orders"),
              client.post("/admin/mutations", "{\"updates\": -1}"));
      assertThat(responses)
          .extracting(TestClient.Response::status)
          .containsExactly(200, 200, 200, 400, 401, 404, 405, 200, 200, 400);
      client.put("/admin/faults", "{\"error_rate\": 1, \"error_status\": 503}");
      TestClient.Response unavailable = client.get(PAGE);
      client.put("/admin/faults", "{\"rate_limit_rps\": 1}");
      TestClient.Response limited = client.get(PAGE);
      for (int i = 0; i < 5 && limited.status() != 429; i++) {
        limited = client.get(PAGE);
      }
      assertThat(unavailable.status()).isEqualTo(503);
      assertThat(limited.status()).isEqualTo(429);

      for (TestClient.Response r : concat(responses, List.of(unavailable, limited))) {
        assertThat(r.raw().headers().allValues("Date"))
            .as("Date of %s %s", r.raw().request().uri(), r.status())
            .containsExactly("Fri, 20 Nov 2026 08:00:00 GMT");
      }
    }
  }

  @Test
  void a_clock_fixed_by_admin_clock_is_the_date_from_that_answer_on() {
    MockApiOptions options = MockApiOptions.defaults().withPort(0).withUsers(10).withAdmin(true);
    try (MockApiServer api = MockApiServer.start(options)) {
      TestClient client = new TestClient(api);
      Instant fixed = Instant.parse("2030-01-02T03:04:05.678Z");
      TestClient.Response set = client.post("/admin/clock", "{\"now\": \"" + fixed + "\"}");
      for (TestClient.Response r : List.of(set, client.get(PAGE), client.get("/v1/users"))) {
        assertThat(r.raw().headers().allValues("Date"))
            .containsExactly("Wed, 02 Jan 2030 03:04:05 GMT");
      }
    }
  }

  @Test
  void the_ready_line_tells_the_offset() {
    MockApiOptions options =
        MockApiOptions.defaults()
            .withPort(0)
            .withUsers(10)
            .withClockOffset(Duration.ofSeconds(-90));
    try (MockApiServer api = MockApiServer.start(options)) {
      assertThat(MockApi.readyLine(api)).contains(" wall clock -1m30s,");
    }
    try (MockApiServer api = MockApiServer.start(options.withClockOffset(Duration.ZERO))) {
      assertThat(MockApi.readyLine(api)).contains(" wall clock,");
    }
  }

  static Instant date(TestClient.Response r) {
    List<String> dates = r.raw().headers().allValues("Date");
    assertThat(dates).hasSize(1);
    assertThat(dates.get(0))
        .matches(
            "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT");
    return ZonedDateTime.parse(dates.get(0), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
  }

  private static Instant seconds(Instant i) {
    return Instant.ofEpochSecond(i.getEpochSecond());
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
