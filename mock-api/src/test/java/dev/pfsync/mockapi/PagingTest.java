package dev.pfsync.mockapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagingTest {
  static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");
  static final String EPOCH = "1970-01-01T00:00:00Z";
  static final Comparator<JsonNode> BY_KEY =
      Comparator.comparing((JsonNode n) -> n.get("updatedAt").asText())
          .thenComparing(n -> n.get("id").asText());

  static MockApiServer api;
  static TestClient client;
  static List<JsonNode> truth;

  @BeforeAll
  static void start() {
    api =
        MockApiServer.start(
            MockApiOptions.defaults().withPort(0).withUsers(2_000).withNow(NOW).withAdmin(true));
    client = new TestClient(api);
    truth = client.truth("users");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 1000, 10000})
  void keyset_walk_returns_every_row_exactly_once_in_key_order(int limit) {
    List<JsonNode> rows = client.walkUsers(EPOCH, limit, Optional.empty());

    List<JsonNode> expected = new ArrayList<>(truth);
    expected.sort(BY_KEY);
    assertThat(rows).hasSize(2_000);
    assertThat(rows).containsExactlyElementsOf(expected);
    assertThat(rows.stream().map(r -> r.get("id").asText()).distinct()).hasSize(2_000);
    assertThat(
            rows.stream().filter(r -> r.get("updatedAt").asText().equals(api.burstAt().toString())))
        .as("the walk crossed the whole burst")
        .hasSize(500);
  }

  @Test
  void the_dataset_has_second_ties_besides_the_burst() {
    Set<String> seen = new HashSet<>();
    long tiedOutsideBurst =
        truth.stream()
            .map(r -> r.get("updatedAt").asText())
            .filter(t -> !t.equals(api.burstAt().toString()))
            .filter(t -> !seen.add(t))
            .count();
    assertThat(tiedOutsideBurst).isGreaterThan(300);
  }

  @Test
  void a_walk_that_only_moves_updated_since_repeats_or_loses_rows_at_the_burst() {
    String burst = api.burstAt().toString();
    // Moving updated_since to the last row's updatedAt re-reads the same page forever.
    JsonNode first = client.get("/v1/users?updated_since=" + burst + "&limit=100").json();
    String last = lastUpdatedAt(first);
    JsonNode again = client.get("/v1/users?updated_since=" + last + "&limit=100").json();
    assertThat(last).isEqualTo(burst);
    assertThat(again.get("data")).isEqualTo(first.get("data"));

    // Moving it one second past the last row skips the rest of the burst.
    List<JsonNode> rows = new ArrayList<>();
    String since = EPOCH;
    while (true) {
      JsonNode page = client.get("/v1/users?updated_since=" + since + "&limit=100").json();
      page.get("data").forEach(rows::add);
      if (!page.get("has_more").asBoolean()) {
        break;
      }
      since = Instant.parse(lastUpdatedAt(page)).plusSeconds(1).toString();
    }
    assertThat(rows.size()).isLessThanOrEqualTo(2_000 - 400);
    assertThat(rows.stream().filter(r -> r.get("updatedAt").asText().equals(burst)).count())
        .isLessThanOrEqualTo(100);
  }

  private static String lastUpdatedAt(JsonNode page) {
    JsonNode data = page.get("data");
    return data.get(data.size() - 1).get("updatedAt").asText();
  }

  @Test
  void updated_before_is_exclusive_and_bounds_the_window() {
    Instant burst = api.burstAt();
    Instant since = burst.minusSeconds(86_400);
    List<JsonNode> window = client.walkUsers(since.toString(), 7, Optional.of(burst.toString()));
    List<JsonNode> expected =
        truth.stream()
            .filter(r -> !Instant.parse(r.get("updatedAt").asText()).isBefore(since))
            .filter(r -> Instant.parse(r.get("updatedAt").asText()).isBefore(burst))
            .sorted(BY_KEY)
            .toList();
    assertThat(expected).isNotEmpty();
    assertThat(window).containsExactlyElementsOf(expected);

    List<JsonNode> burstSecond =
        client.walkUsers(burst.toString(), 1000, Optional.of(burst.plusSeconds(1).toString()));
    assertThat(burstSecond)
        .hasSize(500)
        .allMatch(r -> r.get("updatedAt").asText().equals(burst.toString()));
  }

  @Test
  void an_empty_page_has_no_next_and_no_more() {
    JsonNode page = client.get("/v1/users?updated_since=" + NOW.plusSeconds(1)).json();
    assertThat(page.get("data")).isEmpty();
    assertThat(page.get("has_more").asBoolean()).isFalse();
    assertThat(page.get("next").isNull()).isTrue();
  }

  @Test
  void next_points_at_the_last_row_of_the_page() {
    JsonNode page = client.get("/v1/users?updated_since=" + EPOCH + "&limit=3").json();
    JsonNode last = page.get("data").get(2);
    assertThat(page.get("has_more").asBoolean()).isTrue();
    assertThat(page.get("next").get("updated_since").asText())
        .isEqualTo(last.get("updatedAt").asText());
    assertThat(page.get("next").get("after_id").asText()).isEqualTo(last.get("id").asText());
    assertThat(fieldNames(page)).containsExactly("data", "has_more", "next");
  }

  @Test
  void rows_have_exactly_the_contract_fields_and_realistic_values() {
    Set<String> emails = new HashSet<>();
    for (JsonNode r : truth) {
      assertThat(fieldNames(r))
          .containsExactly(
              "id",
              "name",
              "email",
              "address",
              "company",
              "job",
              "createdAt",
              "updatedAt",
              "deletedAt");
      assertThat(r.get("id").asText()).matches("[0-9a-f]{16}");
      assertThat(r.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
      Instant created = Instant.parse(r.get("createdAt").asText());
      Instant updated = Instant.parse(r.get("updatedAt").asText());
      assertThat(created).isBeforeOrEqualTo(updated);
      assertThat(updated).isBetween(NOW.minusSeconds(30 * 86_400L), NOW);
      assertThat(r.get("deletedAt").isNull()).isTrue();
      String email = r.get("email").asText();
      String local = email.substring(0, email.indexOf('@')).replaceAll("\\d+$", "");
      assertThat(local.replace(".", ""))
          .as("email matches the name")
          .isEqualTo(r.get("name").asText().toLowerCase().replaceAll("[^a-z]", ""));
      assertThat(emails.add(r.get("email").asText())).as("unique email").isTrue();
      assertThat(r.get("address").asText()).matches(".+, .+, [A-Z]{2} \\d{5}(-\\d{4})?");
      assertThat(r.get("company").asText()).isNotBlank();
      assertThat(r.get("job").asText()).isNotBlank();
    }
  }

  @Test
  void truth_is_ordered_by_id_for_users_and_by_order_id_for_orders() {
    List<String> ids = truth.stream().map(r -> r.get("id").asText()).toList();
    assertThat(ids).isSorted().doesNotHaveDuplicates().hasSize(2_000);

    List<JsonNode> orders = client.truth("orders");
    assertThat(orders).hasSize(1_000);
    List<Long> orderIds = orders.stream().map(o -> o.get("order_id").asLong()).toList();
    assertThat(orderIds).isSorted().doesNotHaveDuplicates();
    assertThat(fieldNames(orders.get(0)))
        .containsExactly(
            "order_id", "user_id", "amount_cents", "currency", "status", "modified_at");
    Set<String> userIds = new HashSet<>(ids);
    assertThat(orders).allMatch(o -> userIds.contains(o.get("user_id").asText()));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 1000})
  void orders_keyset_walk_returns_every_order_once_in_modified_at_then_order_id_order(int limit) {
    List<JsonNode> rows = new ArrayList<>();
    String query = "modified_since=0";
    while (true) {
      JsonNode page = client.get("/v1/orders?" + query + "&limit=" + limit).json();
      page.get("data").forEach(rows::add);
      if (!page.get("has_more").asBoolean()) {
        break;
      }
      JsonNode next = page.get("next");
      assertThat(next.get("modified_since").isIntegralNumber()).isTrue();
      query =
          "modified_since="
              + next.get("modified_since").asLong()
              + "&after_order_id="
              + next.get("after_order_id").asLong();
    }
    List<JsonNode> expected = new ArrayList<>(client.truth("orders"));
    expected.sort(
        Comparator.comparingLong((JsonNode o) -> o.get("modified_at").asLong())
            .thenComparingLong(o -> o.get("order_id").asLong()));
    assertThat(rows).containsExactlyElementsOf(expected);
    long distinctTimes = rows.stream().map(o -> o.get("modified_at").asLong()).distinct().count();
    assertThat(distinctTimes).as("modified_at ties").isLessThan(rows.size() * 3L / 4);
  }

  @Test
  void orders_modified_before_is_exclusive() {
    List<JsonNode> orders = client.truth("orders");
    long t = orders.get(500).get("modified_at").asLong();
    JsonNode page =
        client
            .get("/v1/orders?modified_since=" + t + "&modified_before=" + (t + 1) + "&limit=10000")
            .json();
    long expected = orders.stream().filter(o -> o.get("modified_at").asLong() == t).count();
    assertThat(page.get("data")).hasSize((int) expected);
    assertThat(page.get("has_more").asBoolean()).isFalse();
  }

  static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  static Set<String> ids(List<JsonNode> rows) {
    return rows.stream().map(r -> r.get("id").asText()).collect(Collectors.toSet());
  }
}
