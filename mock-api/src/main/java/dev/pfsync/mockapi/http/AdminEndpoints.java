package dev.pfsync.mockapi.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pfsync.mockapi.data.Dataset;
import dev.pfsync.mockapi.data.MutationRequest;
import dev.pfsync.mockapi.data.MutationResult;
import dev.pfsync.mockapi.data.Order;
import dev.pfsync.mockapi.data.ServerClock;
import dev.pfsync.mockapi.data.User;
import io.javalin.http.Context;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** {@code /admin/*}: mutations, the clock, faults and the ground truth. */
public final class AdminEndpoints {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> MUTATION_FIELDS =
      Set.of("updates", "inserts", "deletes", "order_updates", "order_inserts", "commit_delay_ms");
  private static final int MAX_COUNT = 1_000_000;

  private final Dataset data;
  private final ServerClock clock;
  private final FaultInjector faults;

  AdminEndpoints(Dataset data, ServerClock clock, FaultInjector faults) {
    this.data = data;
    this.clock = clock;
    this.faults = faults;
  }

  void mutations(Context ctx) throws IOException {
    JsonNode body = object(ctx);
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!MUTATION_FIELDS.contains(name)) {
        throw ApiException.badRequest(name, "unknown field '" + name + "'");
      }
    }
    MutationRequest req =
        new MutationRequest(
            count(body, "updates", MAX_COUNT),
            count(body, "inserts", MAX_COUNT),
            count(body, "deletes", MAX_COUNT),
            count(body, "order_updates", MAX_COUNT),
            count(body, "order_inserts", MAX_COUNT),
            count(body, "commit_delay_ms", MutationRequest.MAX_COMMIT_DELAY_MS));
    // A delayed batch answers at once; its rows show in pages and the truth only when it commits.
    MutationResult r;
    try {
      r = data.mutator().apply(req, clock.nowSeconds());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("body", e.getMessage());
    }
    json(
        ctx,
        g -> {
          g.writeStartObject();
          g.writeFieldName("now");
          new RowJson(data.pools()).instant(g, r.now());
          strings(g, "updated", r.updated());
          strings(g, "inserted", r.inserted());
          strings(g, "deleted", r.deleted());
          numbers(g, "orders_updated", r.ordersUpdated());
          numbers(g, "orders_inserted", r.ordersInserted());
          g.writeEndObject();
        });
  }

  void setClock(Context ctx) throws IOException {
    JsonNode body = object(ctx);
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!name.equals("now")) {
        throw ApiException.badRequest(name, "unknown field '" + name + "'");
      }
    }
    JsonNode now = body.get("now");
    if (now == null || !now.isTextual()) {
      throw ApiException.badRequest("now", "now must be an ISO-8601 instant string");
    }
    clock.set(Query.parseInstant("now", now.asText()));
    // The Date header was stamped when the request arrived; this answer already speaks for the new
    // clock.
    DateHeader.stamp(ctx, clock);
    getClock(ctx);
  }

  void getClock(Context ctx) throws IOException {
    long now = clock.nowSeconds();
    json(
        ctx,
        g -> {
          g.writeStartObject();
          g.writeFieldName("now");
          new RowJson(data.pools()).instant(g, now);
          g.writeEndObject();
        });
  }

  void putFaults(Context ctx) throws IOException {
    faults.set(Faults.parse(object(ctx)));
    getFaults(ctx);
  }

  void getFaults(Context ctx) throws IOException {
    Faults f = faults.current();
    json(ctx, f::write);
  }

  /** NDJSON of every current row, tombstones included, ordered by id; streamed. */
  void truth(Context ctx) throws IOException {
    Query q = Query.of(ctx, Set.of("resource"));
    String resource = q.string("resource").orElse("users");
    if (!resource.equals("users") && !resource.equals("orders")) {
      throw ApiException.badRequest(
          "resource", "resource must be users or orders, got '" + resource + "'");
    }
    ctx.res().setStatus(200);
    ctx.res().setContentType("application/x-ndjson");
    RowJson rows = new RowJson(data.pools());
    try (OutputStream out = new BufferedOutputStream(ctx.res().getOutputStream(), 1 << 16);
        JsonGenerator g = RowJson.FACTORY.createGenerator(out)) {
      g.setRootValueSeparator(null);
      if (resource.equals("users")) {
        for (User u : data.users().byId()) {
          rows.user(g, u);
          g.writeRaw('\n');
        }
      } else {
        for (Order o : data.orders().byId()) {
          rows.order(g, o);
          g.writeRaw('\n');
        }
      }
    }
  }

  private static JsonNode object(Context ctx) {
    JsonNode body;
    try {
      body = MAPPER.readTree(ctx.bodyAsBytes());
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("body", "body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("body", "body could not be read");
    }
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("body", "body must be a JSON object");
    }
    return body;
  }

  /** An optional integer field within {@code 0..max}, 0 when absent. */
  private static int count(JsonNode body, String name, int max) {
    JsonNode n = body.get(name);
    if (n == null) {
      return 0;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 0 || n.intValue() > max) {
      throw ApiException.badRequest(name, name + " must be an integer within 0.." + max);
    }
    return n.intValue();
  }

  private static void strings(JsonGenerator g, String name, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static void numbers(JsonGenerator g, String name, List<Long> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (long v : values) {
      g.writeNumber(v);
    }
    g.writeEndArray();
  }

  /** Writes one small JSON answer through Javalin. */
  static void json(Context ctx, JsonWriter w) throws IOException {
    Bytes out = new Bytes(256);
    try (JsonGenerator g = RowJson.FACTORY.createGenerator(out)) {
      w.write(g);
    }
    ctx.status(200).contentType(Responses.JSON).result(out.toByteArray());
  }

  /** Something that writes one JSON value. */
  @FunctionalInterface
  interface JsonWriter {
    void write(JsonGenerator g) throws IOException;
  }
}
