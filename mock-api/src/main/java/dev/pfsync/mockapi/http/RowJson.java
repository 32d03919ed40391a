package dev.pfsync.mockapi.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.pfsync.mockapi.data.IsoSeconds;
import dev.pfsync.mockapi.data.Order;
import dev.pfsync.mockapi.data.User;
import dev.pfsync.mockapi.data.ValuePools;
import java.io.IOException;

/** Writes rows with Jackson's streaming generator; shared by the pages and the truth dump. */
final class RowJson {
  static final JsonFactory FACTORY = JsonFactory.builder().build();

  private final ValuePools pools;
  private final char[] time = new char[40];

  /** Not thread-safe (reuses a buffer): one per response. */
  RowJson(ValuePools pools) {
    this.pools = pools;
  }

  void user(JsonGenerator g, User u) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", u.id());
    g.writeStringField("name", pools.name(u));
    g.writeStringField("email", pools.email(u));
    g.writeStringField("address", pools.address(u));
    g.writeStringField("company", pools.company(u));
    g.writeStringField("job", pools.job(u));
    g.writeFieldName("createdAt");
    instant(g, u.createdAt());
    g.writeFieldName("updatedAt");
    instant(g, u.updatedAt());
    g.writeFieldName("deletedAt");
    if (u.deleted()) {
      instant(g, u.deletedAt());
    } else {
      g.writeNull();
    }
    g.writeEndObject();
  }

  void order(JsonGenerator g, Order o) throws IOException {
    g.writeStartObject();
    g.writeNumberField("order_id", o.orderId());
    g.writeStringField("user_id", o.userId());
    g.writeNumberField("amount_cents", o.amountCents());
    g.writeStringField("currency", o.currency());
    g.writeStringField("status", o.status());
    g.writeNumberField("modified_at", o.modifiedAt());
    g.writeEndObject();
  }

  void instant(JsonGenerator g, long epochSecond) throws IOException {
    g.writeString(time, 0, IsoSeconds.write(epochSecond, time));
  }
}
