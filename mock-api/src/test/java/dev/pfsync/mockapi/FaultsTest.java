package dev.pfsync.mockapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaultsTest {
  static final String PAGE = "/v1/users?updated_since=2026-11-01T00:00:00Z&limit=50";
  static MockApiServer api;
  static TestClient client;

  @BeforeAll
  static void start() {
    api =
        MockApiServer.start(
            MockApiOptions.defaults()
                .withPort(0)
                .withUsers(2_000)
                .withNow(Instant.parse("2026-11-20T08:00:00Z"))
                .withAdmin(true));
    client = new TestClient(api);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @AfterEach
  void clear() {
    assertThat(client.put("/admin/faults", "{}").status()).isEqualTo(200);
  }

  @Test
  void a_put_replaces_the_whole_set_and_get_returns_it() {
    client.put("/admin/faults", "{\"error_rate\": 0.2, \"latency_ms\": 5}");
    JsonNode set = client.put("/admin/faults", "{\"malformed_rate\": 0.1}").json();
    assertThat(set.get("error_rate").asDouble()).isZero();
    assertThat(set.get("latency_ms").asInt()).isZero();
    assertThat(set.get("malformed_rate").asDouble()).isEqualTo(0.1);
    assertThat(client.get("/admin/faults").json()).isEqualTo(set);
    assertThat(PagingTest.fieldNames(set))
        .containsExactlyInAnyOrder(
            "error_rate",
            "error_status",
            "retry_after_s",
            "rate_limit_rps",
            "latency_ms",
            "malformed_rate",
            "reset_rate");
  }

  @Test
  void error_rate_fails_that_share_of_requests_with_the_status_reproducibly() {
    String faults = "{\"error_rate\": 0.3, \"error_status\": 500}";
    client.put("/admin/faults", faults);
    List<Integer> statuses = statuses(300);
    client.put("/admin/faults", faults);
    List<Integer> again = statuses(300);

    long failed = statuses.stream().filter(s -> s == 500).count();
    assertThat(failed).isBetween(60L, 120L);
    assertThat(statuses).containsOnly(200, 500);
    assertThat(again).as("seeded: same set, same sequence").isEqualTo(statuses);
  }

  @Test
  void an_error_carries_retry_after_when_configured_and_admin_is_never_faulted() {
    client.put("/admin/faults", "{\"error_rate\": 1, \"retry_after_s\": 2}");
    TestClient.Response r = client.get(PAGE);
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.header("Retry-After")).hasValue("2");
    assertThat(r.json().get("error").asText()).isNotBlank();
    assertThat(client.get("/admin/faults").status()).isEqualTo(200);

    client.put("/admin/faults", "{\"error_rate\": 1, \"error_status\": 429}");
    TestClient.Response limited = client.get(PAGE);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).hasValue("1");
  }

  @Test
  void rate_limit_answers_429_with_retry_after_beyond_the_rate() {
    client.put("/admin/faults", "{\"rate_limit_rps\": 5, \"retry_after_s\": 3}");
    List<TestClient.Response> responses = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      responses.add(client.get(PAGE));
    }
    List<TestClient.Response> limited = responses.stream().filter(r -> r.status() == 429).toList();
    assertThat(limited.size()).isGreaterThanOrEqualTo(10);
    assertThat(responses.stream().filter(r -> r.status() == 200).count()).isGreaterThanOrEqualTo(5);
    assertThat(limited).allMatch(r -> r.header("Retry-After").orElseThrow().equals("3"));
  }

  @Test
  void latency_slows_every_v1_answer() {
    client.put("/admin/faults", "{\"latency_ms\": 300}");
    long start = System.nanoTime();
    assertThat(client.get(PAGE).status()).isEqualTo(200);
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
  }

  @Test
  void malformed_answers_are_200_with_broken_json() {
    client.put("/admin/faults", "{\"malformed_rate\": 1}");
    TestClient.Response r = client.get(PAGE);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).startsWith("{\"data\":[");
    assertThatThrownBy(() -> TestClient.JSON.readTree(r.body())).isInstanceOf(IOException.class);
  }

  @Test
  void reset_drops_the_connection_mid_body() {
    client.put("/admin/faults", "{\"reset_rate\": 1}");
    assertThatThrownBy(() -> client.rawGet(PAGE)).isInstanceOf(IOException.class);
    client.put("/admin/faults", "{}");
    assertThat(client.get(PAGE).status()).as("the server survives").isEqualTo(200);
  }

  @Test
  void clearing_the_faults_restores_normal_answers() {
    client.put("/admin/faults", "{\"error_rate\": 1}");
    assertThat(client.get(PAGE).status()).isEqualTo(503);
    client.put("/admin/faults", "{}");
    assertThat(statuses(20)).containsOnly(200);
  }

  private List<Integer> statuses(int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(client.get(PAGE).status());
    }
    return out;
  }
}
