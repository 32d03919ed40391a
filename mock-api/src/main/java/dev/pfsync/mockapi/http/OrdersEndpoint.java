package dev.pfsync.mockapi.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pfsync.mockapi.data.Dataset;
import dev.pfsync.mockapi.data.KeysetTable;
import dev.pfsync.mockapi.data.Order;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** {@code GET /v1/orders}: keyset pages in {@code (modified_at, order_id)} order, epoch millis. */
public final class OrdersEndpoint {
  private static final Set<String> PARAMS =
      Set.of("modified_since", "after_order_id", "modified_before", "limit");

  private final Dataset data;

  public OrdersEndpoint(Dataset data) {
    this.data = data;
  }

  public void handle(Context ctx) throws IOException {
    Query q = Query.of(ctx, PARAMS);
    if (q.has("after_order_id") && !q.has("modified_since")) {
      throw ApiException.badRequest("after_order_id", "after_order_id requires modified_since");
    }
    long since = q.integer("modified_since").orElseThrow(() -> Query.required("modified_since"));
    Optional<Long> after = q.integer("after_order_id");
    Optional<Long> before = q.integer("modified_before");
    int limit = q.limit();
    Predicate<Order> beforeStart =
        after.isEmpty()
            ? o -> o.modifiedAt() < since
            : o ->
                o.modifiedAt() < since || (o.modifiedAt() == since && o.orderId() <= after.get());
    Predicate<Order> beforeEnd = before.isEmpty() ? o -> true : o -> o.modifiedAt() < before.get();
    Responses.send(ctx, render(data.orders().page(beforeStart, beforeEnd, limit)), Responses.JSON);
  }

  private Bytes render(KeysetTable.Slice<Order> page) throws IOException {
    Bytes out = new Bytes(64 + page.rows().size() * 160);
    RowJson rows = new RowJson(data.pools());
    try (JsonGenerator g = RowJson.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("data");
      for (Order o : page.rows()) {
        rows.order(g, o);
      }
      g.writeEndArray();
      g.writeBooleanField("has_more", page.hasMore());
      g.writeFieldName("next");
      if (page.rows().isEmpty()) {
        g.writeNull();
      } else {
        Order last = page.rows().get(page.rows().size() - 1);
        g.writeStartObject();
        g.writeNumberField("modified_since", last.modifiedAt());
        g.writeNumberField("after_order_id", last.orderId());
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    return out;
  }
}
