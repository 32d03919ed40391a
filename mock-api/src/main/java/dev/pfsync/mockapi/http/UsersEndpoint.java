package dev.pfsync.mockapi.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pfsync.mockapi.data.Dataset;
import dev.pfsync.mockapi.data.KeysetTable;
import dev.pfsync.mockapi.data.User;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** {@code GET /v1/users}: keyset pages in {@code (updatedAt, id)} order. */
public final class UsersEndpoint {
  private static final Set<String> PARAMS =
      Set.of("updated_since", "after_id", "updated_before", "limit");

  private final Dataset data;

  public UsersEndpoint(Dataset data) {
    this.data = data;
  }

  public void handle(Context ctx) throws IOException {
    Query q = Query.of(ctx, PARAMS);
    if (q.has("after_id") && !q.has("updated_since")) {
      throw ApiException.badRequest("after_id", "after_id requires updated_since");
    }
    Instant since = q.instant("updated_since").orElseThrow(() -> Query.required("updated_since"));
    Optional<String> afterId = q.string("after_id");
    Optional<Instant> before = q.instant("updated_before");
    int limit = q.limit();
    KeysetTable.Slice<User> page = data.users().page(start(since, afterId), end(before), limit);
    Responses.stream(ctx, out -> render(page, out), Responses.JSON);
  }

  /** Rows before the start: key <= (since, afterId), or updatedAt < since without afterId. */
  static Predicate<User> start(Instant since, Optional<String> afterId) {
    long sec = since.getEpochSecond();
    if (since.getNano() > 0) {
      // Rows have whole seconds: none equals a fractional bound, so the tie-breaker is moot.
      return u -> u.updatedAt() <= sec;
    }
    if (afterId.isEmpty()) {
      return u -> u.updatedAt() < sec;
    }
    String after = afterId.get();
    return u -> u.updatedAt() < sec || (u.updatedAt() == sec && u.id().compareTo(after) <= 0);
  }

  /** Rows before the exclusive upper bound. */
  static Predicate<User> end(Optional<Instant> before) {
    if (before.isEmpty()) {
      return u -> true;
    }
    Instant b = before.get();
    long ceil = b.getEpochSecond() + (b.getNano() > 0 ? 1 : 0);
    return u -> u.updatedAt() < ceil;
  }

  private void render(KeysetTable.Slice<User> page, OutputStream out) throws IOException {
    RowJson rows = new RowJson(data.pools());
    try (JsonGenerator g = RowJson.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("data");
      for (User u : page.rows()) {
        rows.user(g, u);
      }
      g.writeEndArray();
      g.writeBooleanField("has_more", page.hasMore());
      g.writeFieldName("next");
      if (page.rows().isEmpty()) {
        g.writeNull();
      } else {
        User last = page.rows().get(page.rows().size() - 1);
        g.writeStartObject();
        g.writeFieldName("updated_since");
        rows.instant(g, last.updatedAt());
        g.writeStringField("after_id", last.id());
        g.writeEndObject();
      }
      g.writeEndObject();
    }
  }
}
