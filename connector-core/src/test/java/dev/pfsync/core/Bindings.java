package dev.pfsync.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/** Table bindings and rows for tests: a users-like table and an orders-like one. */
public final class Bindings {
  private Bindings() {}

  public static TableBinding users() {
    var schema =
        new TableSchema(
            "user",
            List.of("id"),
            List.of(
                new Column("id", ColumnType.STRING),
                new Column("name", ColumnType.STRING),
                new Column("updatedAt", ColumnType.UTC_DATETIME),
                new Column("deletedAt", ColumnType.UTC_DATETIME)),
            "updatedAt");
    return new TableBinding(
        schema,
        "/v1/users",
        "id",
        "updatedAt",
        CursorFormat.ISO_INSTANT,
        new QueryParams("updated_since", "after_id", "updated_before", "limit"),
        Optional.of("deletedAt"));
  }

  /** An orders-like table: integer key, epoch-millis cursor, no tombstone field. */
  public static TableBinding orders() {
    var schema =
        new TableSchema(
            "orders",
            List.of("order_id"),
            List.of(
                new Column("order_id", ColumnType.LONG),
                new Column("amount_cents", ColumnType.LONG),
                new Column("modified_at", ColumnType.UTC_DATETIME)),
            "modified_at");
    return new TableBinding(
        schema,
        "/v1/orders",
        "order_id",
        "modified_at",
        CursorFormat.EPOCH_MILLIS,
        new QueryParams("modified_since", "after_order_id", "modified_before", "limit"),
        Optional.empty());
  }

  public static Row user(String id, Instant updatedAt, String name, boolean deleted) {
    var values = new LinkedHashMap<String, Object>();
    values.put("id", id);
    values.put("name", name);
    values.put("updatedAt", updatedAt);
    values.put("deletedAt", deleted ? updatedAt : null);
    return new Row(values, deleted);
  }

  public static Row order(long id, Instant modifiedAt, long amountCents) {
    var values = new LinkedHashMap<String, Object>();
    values.put("order_id", id);
    values.put("amount_cents", amountCents);
    values.put("modified_at", modifiedAt);
    return new Row(values, false);
  }
}
