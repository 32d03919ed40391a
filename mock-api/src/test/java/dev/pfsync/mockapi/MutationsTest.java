package dev.pfsync.mockapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MutationsTest {
  static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");
  static final MockApiOptions OPTIONS =
      MockApiOptions.defaults()
          .withPort(0)
          .withUsers(3_000)
          .withNow(NOW)
          .withAdmin(true)
          .withSeed(7);

  @Test
  void mutations_are_stamped_at_the_clock_and_a_rewalk_equals_the_truth() {
    try (MockApiServer api = MockApiServer.start(OPTIONS)) {
      TestClient client = new TestClient(api);
      Instant later = NOW.plusSeconds(3_600);
      assertThat(
              client
                  .post("/admin/clock", "{\"now\": \"" + later + "\"}")
                  .json()
                  .get("now")
                  .asText())
          .isEqualTo(later.toString());

      JsonNode result =
          client
              .post(
                  "/admin/mutations",
                  "{\"updates\": 30, \"inserts\": 20, \"deletes\": 10, \"order_updates\": 5, \"order_inserts\": 4}")
              .json();
      assertThat(result.get("now").asText()).isEqualTo(later.toString());
      Set<String> updated = texts(result.get("updated"));
      Set<String> inserted = texts(result.get("inserted"));
      Set<String> deleted = texts(result.get("deleted"));
      assertThat(updated).hasSize(30).doesNotContainAnyElementsOf(deleted);
      assertThat(inserted).hasSize(20);
      assertThat(deleted).hasSize(10);
      assertThat(result.get("orders_updated")).hasSize(5);
      assertThat(result.get("orders_inserted")).hasSize(4);

      List<JsonNode> truth = client.truth("users");
      assertThat(truth).hasSize(3_020);
      Map<String, JsonNode> byId = new HashMap<>();
      truth.forEach(r -> byId.put(r.get("id").asText(), r));
      for (String id : updated) {
        assertThat(byId.get(id).get("updatedAt").asText()).isEqualTo(later.toString());
        assertThat(byId.get(id).get("deletedAt").isNull()).isTrue();
      }
      for (String id : inserted) {
        assertThat(byId.get(id).get("createdAt").asText()).isEqualTo(later.toString());
        assertThat(byId.get(id).get("updatedAt").asText()).isEqualTo(later.toString());
      }
      for (String id : deleted) {
        assertThat(byId.get(id).get("deletedAt").asText()).isEqualTo(later.toString());
        assertThat(byId.get(id).get("updatedAt").asText()).isEqualTo(later.toString());
      }

      List<JsonNode> walked = client.walkUsers("1970-01-01T00:00:00Z", 1000, Optional.empty());
      assertThat(walked).containsExactlyInAnyOrderElementsOf(truth);

      List<JsonNode> incremental =
          client.walkUsers(NOW.plusSeconds(1).toString(), 7, Optional.empty());
      Set<String> changed = new java.util.HashSet<>(updated);
      changed.addAll(inserted);
      changed.addAll(deleted);
      assertThat(PagingTest.ids(incremental)).isEqualTo(changed);

      long ordersAtLater =
          client.truth("orders").stream()
              .filter(o -> o.get("modified_at").asLong() == later.toEpochMilli())
              .count();
      assertThat(ordersAtLater).isEqualTo(9);
    }
  }

  @Test
  void an_update_changes_at_least_one_field() {
    try (MockApiServer api = MockApiServer.start(OPTIONS)) {
      TestClient client = new TestClient(api);
      Map<String, JsonNode> before = new HashMap<>();
      client.truth("users").forEach(r -> before.put(r.get("id").asText(), r));
      JsonNode result = client.post("/admin/mutations", "{\"updates\": 50}").json();
      Map<String, JsonNode> after = new HashMap<>();
      client.truth("users").forEach(r -> after.put(r.get("id").asText(), r));
      for (String id : texts(result.get("updated"))) {
        JsonNode b = before.get(id);
        JsonNode a = after.get(id);
        boolean changed =
            List.of("name", "address", "company", "job").stream()
                .anyMatch(f -> !a.get(f).equals(b.get(f)));
        assertThat(changed).as("update of %s changed a field", id).isTrue();
        assertThat(a.get("createdAt")).isEqualTo(b.get("createdAt"));
      }
    }
  }

  @Test
  void same_flags_give_byte_identical_responses_across_instances_also_after_mutations() {
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    for (List<String> bodies : List.of(first, second)) {
      try (MockApiServer api = MockApiServer.start(OPTIONS)) {
        TestClient client = new TestClient(api);
        bodies.add(client.get("/v1/users?updated_since=1970-01-01T00:00:00Z&limit=10000").body());
        bodies.add(client.get("/v1/orders?modified_since=0&limit=500").body());
        bodies.add(client.get("/admin/truth").body());
        bodies.add(
            client
                .post("/admin/mutations", "{\"updates\": 5, \"inserts\": 5, \"deletes\": 5}")
                .body());
        bodies.add(client.get("/admin/truth").body());
        bodies.add(client.get("/admin/truth?resource=orders").body());
      }
    }
    assertThat(second).isEqualTo(first);

    try (MockApiServer other = MockApiServer.start(OPTIONS.withSeed(8))) {
      String body =
          new TestClient(other)
              .get("/v1/users?updated_since=1970-01-01T00:00:00Z&limit=10000")
              .body();
      assertThat(body).isNotEqualTo(first.get(0));
    }
  }

  static Set<String> texts(JsonNode array) {
    Set<String> out = new java.util.HashSet<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
