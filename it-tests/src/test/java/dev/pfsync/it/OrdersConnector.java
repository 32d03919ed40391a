package dev.pfsync.it;

import dev.pfsync.core.Column;
import dev.pfsync.core.ColumnType;
import dev.pfsync.core.CursorFormat;
import dev.pfsync.core.QueryParams;
import dev.pfsync.core.TableBinding;
import dev.pfsync.core.TableSchema;
import java.util.List;
import java.util.Optional;

/**
 * A second connector built only from connector-core's public API: {@code GET /v1/orders}, an
 * integer key, a cursor in epoch milliseconds and its own parameter names, no tombstones.
 */
final class OrdersConnector {
  private OrdersConnector() {}

  static final TableSchema ORDERS =
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

  static final TableBinding BINDING =
      new TableBinding(
          ORDERS,
          "/v1/orders",
          "order_id",
          "modified_at",
          CursorFormat.EPOCH_MILLIS,
          new QueryParams("modified_since", "after_order_id", "modified_before", "limit"),
          Optional.empty());
}
