package dev.pfsync.mockapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorsTest {
  static final String S = "updated_since=2026-11-01T00:00:00Z";
  static MockApiServer api;
  static MockApiServer plain;
  static TestClient client;

  @BeforeAll
  static void start() {
    MockApiOptions o =
        MockApiOptions.defaults()
            .withPort(0)
            .withUsers(200)
            .withNow(Instant.parse("2026-11-20T08:00:00Z"));
    api = MockApiServer.start(o.withAdmin(true).withToken("s3cret"));
    plain = MockApiServer.start(o);
    client = new TestClient(api, Optional.of("s3cret"));
  }

  @AfterAll
  static void stop() {
    api.close();
    plain.close();
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        Arguments.of("GET", "/v1/users", "", "updated_since"),
        Arguments.of("GET", "/v1/users?limit=10", "", "updated_since"),
        Arguments.of("GET", "/v1/users?updated_since=yesterday", "", "updated_since"),
        Arguments.of("GET", "/v1/users?updated_since=2026-11-20", "", "updated_since"),
        Arguments.of("GET", "/v1/users?updated_since=", "", "updated_since"),
        Arguments.of("GET", "/v1/users?" + S + "&" + S, "", "updated_since"),
        Arguments.of("GET", "/v1/users?" + S + "&updated_before=soon", "", "updated_before"),
        Arguments.of("GET", "/v1/users?" + S + "&limit=0", "", "limit"),
        Arguments.of("GET", "/v1/users?" + S + "&limit=10001", "", "limit"),
        Arguments.of("GET", "/v1/users?" + S + "&limit=-5", "", "limit"),
        Arguments.of("GET", "/v1/users?" + S + "&limit=ten", "", "limit"),
        Arguments.of("GET", "/v1/users?" + S + "&limit=1.5", "", "limit"),
        Arguments.of("GET", "/v1/users?" + S + "&limit=", "", "limit"),
        Arguments.of("GET", "/v1/users?after_id=abc", "", "after_id"),
        Arguments.of("GET", "/v1/users?" + S + "&after_id=", "", "after_id"),
        Arguments.of("GET", "/v1/users?" + S + "&sort=desc", "", "sort"),
        Arguments.of("GET", "/v1/users?" + S + "&modified_since=0", "", "modified_since"),
        Arguments.of("GET", "/v1/orders", "", "modified_since"),
        Arguments.of("GET", "/v1/orders?modified_since=2026-11-20T08:00:00Z", "", "modified_since"),
        Arguments.of("GET", "/v1/orders?after_order_id=5", "", "after_order_id"),
        Arguments.of("GET", "/v1/orders?modified_since=0&after_order_id=x", "", "after_order_id"),
        Arguments.of("GET", "/v1/orders?modified_since=0&modified_before=x", "", "modified_before"),
        Arguments.of("GET", "/v1/orders?modified_since=0&limit=10001", "", "limit"),
        Arguments.of("GET", "/v1/orders?modified_since=0&" + S, "", "updated_since"),
        Arguments.of("GET", "/admin/truth?resource=accounts", "", "resource"),
        Arguments.of("GET", "/admin/truth?format=csv", "", "format"),
        Arguments.of("POST", "/admin/mutations", "not json", "body"),
        Arguments.of("POST", "/admin/mutations", "", "body"),
        Arguments.of("POST", "/admin/mutations", "[1]", "body"),
        Arguments.of("POST", "/admin/mutations", "{\"updates\": -1}", "updates"),
        Arguments.of("POST", "/admin/mutations", "{\"updates\": \"3\"}", "updates"),
        Arguments.of("POST", "/admin/mutations", "{\"inserts\": 1.5}", "inserts"),
        Arguments.of("POST", "/admin/mutations", "{\"upserts\": 1}", "upserts"),
        Arguments.of("POST", "/admin/mutations", "{\"deletes\": 100000}", "body"),
        Arguments.of("POST", "/admin/mutations", "{\"commit_delay_ms\": -1}", "commit_delay_ms"),
        Arguments.of(
            "POST", "/admin/mutations", "{\"commit_delay_ms\": 600001}", "commit_delay_ms"),
        Arguments.of("POST", "/admin/mutations", "{\"commit_delay_ms\": \"5\"}", "commit_delay_ms"),
        Arguments.of("POST", "/admin/mutations", "{\"commit_delay_ms\": 1.5}", "commit_delay_ms"),
        Arguments.of("POST", "/admin/clock", "{}", "now"),
        Arguments.of("POST", "/admin/clock", "{\"now\": \"tomorrow\"}", "now"),
        Arguments.of("POST", "/admin/clock", "{\"now\": 5}", "now"),
        Arguments.of("POST", "/admin/clock", "{\"now\": \"2026-11-20T08:00:00Z\", \"x\": 1}", "x"),
        Arguments.of("PUT", "/admin/faults", "{\"error_rate\": 2}", "error_rate"),
        Arguments.of("PUT", "/admin/faults", "{\"error_rate\": \"0.5\"}", "error_rate"),
        Arguments.of("PUT", "/admin/faults", "{\"error_status\": 200}", "error_status"),
        Arguments.of("PUT", "/admin/faults", "{\"error_status\": 503.5}", "error_status"),
        Arguments.of("PUT", "/admin/faults", "{\"latency_ms\": -1}", "latency_ms"),
        Arguments.of("PUT", "/admin/faults", "{\"reset_rate\": 1.01}", "reset_rate"),
        Arguments.of("PUT", "/admin/faults", "{\"bogus\": 1}", "bogus"),
        Arguments.of("PUT", "/admin/faults", "", "body"));
  }

  @ParameterizedTest(name = "{0} {1} {2} -> 400 {3}")
  @MethodSource("badRequests")
  void bad_input_answers_400_naming_the_parameter(
      String method, String path, String body, String param) {
    TestClient.Response r =
        switch (method) {
          case "GET" -> client.get(path);
          case "POST" -> client.post(path, body);
          default -> client.put(path, body);
        };
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.header("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
    JsonNode json = r.json();
    assertThat(json.get("param").asText()).isEqualTo(param);
    assertThat(json.get("error").asText()).isNotBlank();
  }

  /** Sent over a raw socket: HTTP clients refuse to send a malformed percent-encoding at all. */
  @ParameterizedTest(name = "{0} -> 400 {1}")
  @org.junit.jupiter.params.provider.CsvSource({
    "/v1/users?" + S + "&updated_before=2026-11-01T00:00:00Z%, updated_before",
    "/v1/users?" + S + "&after_id=ffff%G, after_id",
    "/v1/users?" + S + "&limit=%, limit",
    "/v1/users?updated_since=%ZZ, updated_since",
    "/v1/orders?modified_since=0&modified_before=%, modified_before"
  })
  void a_malformed_percent_encoding_answers_400_instead_of_dropping_the_parameter(
      String target, String param) throws java.io.IOException {
    try (var socket = new java.net.Socket("127.0.0.1", api.port())) {
      socket
          .getOutputStream()
          .write(
              ("GET "
                      + target
                      + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer s3cret\r\n"
                      + "Connection: close\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String response =
          new String(
              socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 400").contains("\"param\":\"" + param + "\"");
    }
  }

  @Test
  void unknown_paths_answer_404_json() {
    for (String path : new String[] {"/", "/nope", "/v1/nope", "/v1/users/123", "/admin/nope"}) {
      TestClient.Response r = client.get(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.json().get("error").asText()).isNotBlank();
    }
  }

  @Test
  void admin_endpoints_do_not_exist_without_the_admin_flag() {
    TestClient noAdmin = new TestClient(plain);
    assertThat(noAdmin.get("/admin/truth").status()).isEqualTo(404);
    assertThat(noAdmin.get("/admin/faults").json().get("error").asText()).isNotBlank();
    assertThat(noAdmin.post("/admin/mutations", "{\"updates\": 1}").status()).isEqualTo(404);
    assertThat(noAdmin.get("/v1/users?" + S).status()).isEqualTo(200);
  }

  @Test
  void a_wrong_method_is_a_json_error_not_a_500() {
    TestClient.Response r = client.post("/v1/users?" + S, "");
    assertThat(r.status()).isIn(404, 405);
    assertThat(r.json().get("error").asText()).isNotBlank();
  }

  @Test
  void v1_needs_the_bearer_token_when_one_is_set() {
    TestClient none = new TestClient(api);
    TestClient wrong = new TestClient(api, Optional.of("guess"));
    for (TestClient c : new TestClient[] {none, wrong}) {
      for (String path : new String[] {"/v1/users?" + S, "/v1/orders?modified_since=0"}) {
        TestClient.Response r = c.get(path);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).hasValue("Bearer");
        assertThat(r.json().get("error").asText()).contains("token");
      }
    }
    assertThat(client.get("/v1/users?" + S).status()).isEqualTo(200);
    assertThat(none.get("/admin/faults").status())
        .as("admin is not behind the token")
        .isEqualTo(200);
  }
}
