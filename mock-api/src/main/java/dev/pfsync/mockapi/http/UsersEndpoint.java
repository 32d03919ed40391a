package dev.pfsync.mockapi.http;

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

  private static final int FLUSH_AT = 16 * 1024;
  // Jetty gathers writes up to 8 KiB in its 32 KiB buffer: a page under 32 KiB still goes out
  // with a Content-Length and larger ones in 32 KiB chunks, exactly as when Jackson wrote 8000-byte
  // pieces. Larger writes would bypass the buffer and change the framing.
  private static final int PIECE = 8000;
  private static final byte[] DATA = UserJsonWriter.ascii("{\"data\":[");
  private static final byte[] COMMA = UserJsonWriter.ascii(",");
  private static final byte[] MORE = UserJsonWriter.ascii("],\"has_more\":true,\"next\":");
  private static final byte[] LAST = UserJsonWriter.ascii("],\"has_more\":false,\"next\":");
  private static final byte[] NO_NEXT = UserJsonWriter.ascii("null}");
  private static final byte[] NEXT = UserJsonWriter.ascii("{\"updated_since\":\"");
  private static final byte[] AFTER_ID = UserJsonWriter.ascii("\",\"after_id\":");
  private static final byte[] END_NEXT = UserJsonWriter.ascii("}}");

  private final Dataset data;
  private final UserJsonWriter json;

  public UsersEndpoint(Dataset data) {
    this.data = data;
    this.json = new UserJsonWriter(data.pools());
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

  /** Renders a page as {@link RowJson} and Jackson did, sending it as it goes. */
  void render(KeysetTable.Slice<User> page, OutputStream out) throws IOException {
    JsonBuffer buf = new JsonBuffer(FLUSH_AT + 1024);
    buf.raw(DATA);
    boolean first = true;
    for (User u : page.rows()) {
      if (!first) {
        buf.raw(COMMA);
      }
      first = false;
      json.user(buf, u);
      if (buf.length() >= FLUSH_AT) {
        buf.drainTo(out, PIECE);
      }
    }
    buf.raw(page.hasMore() ? MORE : LAST);
    if (page.rows().isEmpty()) {
      buf.raw(NO_NEXT);
    } else {
      User last = page.rows().get(page.rows().size() - 1);
      buf.raw(NEXT);
      buf.isoSeconds(last.updatedAt());
      buf.raw(AFTER_ID);
      buf.string(last.id());
      buf.raw(END_NEXT);
    }
    buf.drainTo(out, PIECE);
    out.close(); // as Jackson's generator did: the response is complete
  }
}
