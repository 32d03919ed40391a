package dev.pfsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pfsync.core.RunStatus;
import dev.pfsync.core.RunSummary;
import dev.pfsync.core.SyncEngine;
import dev.pfsync.it.support.Engines;
import dev.pfsync.it.support.MockApi;
import dev.pfsync.it.support.SyncTarget;
import dev.pfsync.it.support.TestClock;
import dev.pfsync.it.support.TestSettings;
import dev.pfsync.it.support.Truth;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The orders binding, defined here from connector-core's public API, syncs /v1/orders exactly. */
class OrdersConnectorIT {

  @Test
  void the_orders_binding_backfills_and_follows_mutations_into_its_own_table_exactly() {
    try (MockApi api = MockApi.fixed(20_000)) {
      SyncTarget target = SyncTarget.fresh("orders");
      TestClock clock = TestClock.at(MockApi.NOW);
      var settings = TestSettings.of(target.connectorId()).pageSize(500).build();
      try (Engines rig =
          new Engines(api, target, List.of(OrdersConnector.BINDING), settings, clock)) {
        SyncEngine engine = rig.engine();

        RunSummary first = engine.runOnce();
        assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
        Instant recent = MockApi.NOW.minus(Duration.ofDays(1));
        assertThat(target.count("orders", "modified_at < ?", Timestamp.from(recent))).isZero();
        assertThat(target.count("orders")).isPositive();

        RunSummary all = engine.runUntilComplete(Duration.ofSeconds(10));
        assertThat(all.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(target.tableState("orders").path("historical_complete").asBoolean()).isTrue();

        api.setClock(MockApi.NOW.plusSeconds(60));
        JsonNode changed = api.mutate(Map.of("order_updates", 150, "order_inserts", 40));
        assertThat(changed.get("orders_updated")).hasSize(150);
        clock.set(MockApi.NOW.plusSeconds(63));
        assertThat(engine.runOnce().status()).isEqualTo(RunStatus.SUCCEEDED);
      }

      Truth.assertExact(api, "orders", OrdersConnector.BINDING, target);
      assertThat(destinationOrders(target)).isEqualTo(truthOrders(api));
      assertThat(
              target.query(
                  "SELECT column_name, data_type FROM information_schema.columns"
                      + " WHERE table_schema = ? AND table_name = 'orders'"
                      + " AND column_name IN ('order_id', 'modified_at') ORDER BY column_name",
                  target.schema()))
          .containsExactly(
              Map.of("column_name", "modified_at", "data_type", "timestamp with time zone"),
              Map.of("column_name", "order_id", "data_type", "bigint"));
    }
  }

  private static Map<Long, String> truthOrders(MockApi api) {
    Map<Long, String> rows = new TreeMap<>();
    for (JsonNode n : api.truth("orders")) {
      rows.put(
          n.get("order_id").asLong(),
          String.join(
              "|",
              n.get("user_id").asText(),
              n.get("amount_cents").asText(),
              n.get("currency").asText(),
              n.get("status").asText(),
              Instant.ofEpochMilli(n.get("modified_at").asLong()).toString()));
    }
    return rows;
  }

  private static Map<Long, String> destinationOrders(SyncTarget target) {
    Map<Long, String> rows = new TreeMap<>();
    for (Map<String, Object> r : target.rows("orders", "order_id")) {
      assertThat(r.get("_pfsync_deleted")).isEqualTo(false);
      rows.put(
          (Long) r.get("order_id"),
          String.join(
              "|",
              (String) r.get("user_id"),
              r.get("amount_cents").toString(),
              (String) r.get("currency"),
              (String) r.get("status"),
              ((Timestamp) r.get("modified_at")).toInstant().toString()));
    }
    return rows;
  }
}
