package dev.pfsync.mockapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code commit_delay_ms}: a batch stamped now that becomes visible later, all at once. */
class LateCommitsTest {
  static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");
  static final Instant LATER = NOW.plusSeconds(3_600);
  static final int DELAY_MS = 4_000;
  static final MockApiOptions OPTIONS =
      MockApiOptions.defaults().withPort(0).withUsers(3_000).withNow(NOW).withAdmin(true);

  @Test
  void a_delayed_batch_answers_at_once_and_its_rows_appear_only_after_the_delay_all_together()
      throws InterruptedException {
    try (MockApiServer api = MockApiServer.start(OPTIONS)) {
      TestClient client = new TestClient(api);
      client.post("/admin/clock", "{\"now\": \"" + LATER + "\"}");
      long sent = System.nanoTime();
      TestClient.Response r =
          client.post(
              "/admin/mutations",
              "{\"updates\": 30, \"inserts\": 20, \"deletes\": 10, \"order_updates\": 5,"
                  + " \"order_inserts\": 4, \"commit_delay_ms\": "
                  + DELAY_MS
                  + "}");
      assertThat(r.status()).isEqualTo(200);
      assertThat(millisSince(sent)).as("answered at once").isLessThan(DELAY_MS / 2);
      JsonNode result = r.json();
      assertThat(result.get("now").asText()).isEqualTo(LATER.toString());
      Set<String> changed = new HashSet<>(MutationsTest.texts(result.get("updated")));
      changed.addAll(MutationsTest.texts(result.get("inserted")));
      changed.addAll(MutationsTest.texts(result.get("deleted")));
      assertThat(changed).hasSize(60);

      assertThat(stampedAtLater(client, changed)).isZero();
      assertThat(client.truth("users")).hasSize(3_000);
      assertThat(client.walkUsers(LATER.toString(), 100, Optional.empty())).isEmpty();
      assertThat(ordersAtLater(client)).isZero();
      assertThat(millisSince(sent))
          .as("the checks of invisibility ran before the commit")
          .isLessThan(DELAY_MS);

      int seen = 0;
      while (seen == 0 && millisSince(sent) < DELAY_MS + 10_000) {
        Thread.sleep(100);
        seen = stampedAtLater(client, changed);
        assertThat(seen).as("all rows of the batch at once").isIn(0, 60);
      }
      assertThat(seen).isEqualTo(60);
      assertThat(millisSince(sent)).isGreaterThanOrEqualTo(DELAY_MS);
      assertThat(ordersAtLater(client)).isEqualTo(9);
      List<JsonNode> truth = client.truth("users");
      assertThat(truth).hasSize(3_020);
      assertThat(PagingTest.ids(client.walkUsers(LATER.toString(), 7, Optional.empty())))
          .isEqualTo(changed);
      assertThat(client.walkUsers("1970-01-01T00:00:00Z", 1000, Optional.empty()))
          .containsExactlyInAnyOrderElementsOf(truth);
    }
  }

  @Test
  void later_batches_leave_the_rows_of_a_pending_one_alone_and_repeat_byte_for_byte()
      throws InterruptedException {
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    for (List<String> bodies : List.of(first, second)) {
      try (MockApiServer api = MockApiServer.start(OPTIONS)) {
        TestClient client = new TestClient(api);
        JsonNode pending =
            client
                .post(
                    "/admin/mutations",
                    "{\"updates\": 40, \"deletes\": 10, \"order_updates\": 1400,"
                        + " \"commit_delay_ms\": 1500}")
                .json();
        TestClient.Response tooMany = client.post("/admin/mutations", "{\"updates\": 2951}");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("error").asText()).contains("2950");
        assertThat(client.post("/admin/mutations", "{\"order_updates\": 101}").status())
            .isEqualTo(400);

        client.post("/admin/clock", "{\"now\": \"" + LATER + "\"}");
        JsonNode now = client.post("/admin/mutations", "{\"updates\": 2900}").json();
        Set<String> held = MutationsTest.texts(pending.get("updated"));
        held.addAll(MutationsTest.texts(pending.get("deleted")));
        assertThat(MutationsTest.texts(now.get("updated"))).doesNotContainAnyElementsOf(held);
        Map<String, JsonNode> visible = byId(client.truth("users"));
        for (String id : MutationsTest.texts(now.get("updated"))) {
          assertThat(visible.get(id).get("updatedAt").asText()).isEqualTo(LATER.toString());
        }

        Thread.sleep(1_500);
        Map<String, JsonNode> committed = byId(awaitTruth(client, 3_000, held));
        for (String id : held) {
          assertThat(committed.get(id).get("updatedAt").asText()).isEqualTo(NOW.toString());
        }
        bodies.add(pending.toString());
        bodies.add(now.toString());
        bodies.add(client.get("/admin/truth").body());
        bodies.add(client.get("/admin/truth?resource=orders").body());
      }
    }
    assertThat(second).isEqualTo(first);
  }

  /** Polls the truth until every id in {@code ids} carries the stamp {@link #NOW}. */
  private static List<JsonNode> awaitTruth(TestClient client, int size, Set<String> ids)
      throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      List<JsonNode> truth = client.truth("users");
      Map<String, JsonNode> rows = byId(truth);
      if (truth.size() == size
          && ids.stream()
              .allMatch(id -> rows.get(id).get("updatedAt").asText().equals(NOW.toString()))) {
        return truth;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the pending batch never committed");
  }

  private static int stampedAtLater(TestClient client, Set<String> ids) {
    int n = 0;
    for (JsonNode row : client.truth("users")) {
      if (ids.contains(row.get("id").asText())
          && row.get("updatedAt").asText().equals(LATER.toString())) {
        n++;
      }
    }
    return n;
  }

  private static long ordersAtLater(TestClient client) {
    return client.truth("orders").stream()
        .filter(o -> o.get("modified_at").asLong() == LATER.toEpochMilli())
        .count();
  }

  private static Map<String, JsonNode> byId(List<JsonNode> rows) {
    Map<String, JsonNode> out = new HashMap<>();
    rows.forEach(r -> out.put(r.get("id").asText(), r));
    return out;
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
