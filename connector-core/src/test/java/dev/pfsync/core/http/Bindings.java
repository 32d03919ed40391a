package dev.pfsync.core.http;

import dev.pfsync.core.Column;
import dev.pfsync.core.ColumnType;
import dev.pfsync.core.CursorFormat;
import dev.pfsync.core.QueryParams;
import dev.pfsync.core.TableBinding;
import dev.pfsync.core.TableSchema;
import java.util.List;
import java.util.Optional;

/** Table bindings shaped like the mock API's resources, plus one with every column type. */
final class Bindings {
  private Bindings() {}

  static TableBinding users() {
    TableSchema schema =
        new TableSchema(
            "user",
            List.of("id"),
            List.of(
                new Column("id", ColumnType.STRING),
                new Column("name", ColumnType.STRING),
                new Column("email", ColumnType.STRING),
                new Column("createdAt", ColumnType.UTC_DATETIME),
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

  static TableBinding orders() {
    TableSchema schema =
        new TableSchema(
            "orders",
            List.of("order_id"),
            List.of(
                new Column("order_id", ColumnType.LONG),
                new Column("user_id", ColumnType.STRING),
                new Column("amount_cents", ColumnType.LONG),
                new Column("currency", ColumnType.STRING),
                new Column("status", ColumnType.STRING),
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

  /** Every column type once; key INT, cursor ISO. */
  static TableBinding typed() {
    TableSchema schema =
        new TableSchema(
            "typed",
            List.of("k"),
            List.of(
                new Column("k", ColumnType.INT),
                new Column("ts", ColumnType.UTC_DATETIME),
                new Column("s", ColumnType.STRING),
                new Column("l", ColumnType.LONG),
                new Column("b", ColumnType.BOOLEAN),
                new Column("d", ColumnType.DOUBLE),
                new Column("dec", ColumnType.DECIMAL),
                new Column("day", ColumnType.NAIVE_DATE),
                new Column("local", ColumnType.NAIVE_DATETIME),
                new Column("j", ColumnType.JSON),
                new Column("bin", ColumnType.BINARY),
                new Column("other_ts", ColumnType.UTC_DATETIME)),
            "ts");
    return new TableBinding(
        schema,
        "/v1/typed",
        "k",
        "ts",
        CursorFormat.ISO_INSTANT,
        new QueryParams("since", "after", "before", "limit"),
        Optional.empty());
  }
}
