package dev.pfsync.mockapi.http;

import dev.pfsync.mockapi.data.Dataset;
import dev.pfsync.mockapi.data.IsoSeconds;
import dev.pfsync.mockapi.data.KeysetTable;
import dev.pfsync.mockapi.data.User;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** {@code GET /v1/users}: keyset pages in {@code (updatedAt, id)} order. */
public final class UsersEndpoint {
  private static final Set<String> PARAMS =
      Set.of("updated_since", "after_id", "updated_before", "limit");

  private static final byte[] DATA = ascii("{\"data\":[");
  private static final byte[] MORE = ascii("],\"has_more\":true,\"next\":");
  private static final byte[] NO_MORE = ascii("],\"has_more\":false,\"next\":");
  private static final byte[] NULL = ascii("null");

  private final Dataset data;
  private final UserJsonCache json;

  public UsersEndpoint(Dataset data) {
    this.data = data;
    this.json = new UserJsonCache(data.pools(), data.users().size());
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
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
    Responses.send(ctx, render(page), Responses.JSON);
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

  private Bytes render(KeysetTable.Slice<User> page) throws IOException {
    Bytes out = new Bytes(64 + page.rows().size() * 320);
    out.write(DATA);
    boolean first = true;
    for (User u : page.rows()) {
      if (!first) {
        out.write(',');
      }
      first = false;
      out.write(json.json(u));
    }
    out.write(page.hasMore() ? MORE : NO_MORE);
    if (page.rows().isEmpty()) {
      out.write(NULL);
    } else {
      // Ids are hex and instants ISO digits: nothing to escape.
      User last = page.rows().get(page.rows().size() - 1);
      char[] time = new char[40];
      int n = IsoSeconds.write(last.updatedAt(), time);
      String next =
          "{\"updated_since\":\""
              + new String(time, 0, n)
              + "\",\"after_id\":\""
              + last.id()
              + "\"}";
      out.write(next.getBytes(StandardCharsets.US_ASCII));
    }
    out.write('}');
    return out;
  }
}
