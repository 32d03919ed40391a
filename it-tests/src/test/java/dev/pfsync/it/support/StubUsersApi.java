package dev.pfsync.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A users API that is not ours: it serves records given as raw JSON text (so a test can send what
 * our mock-api never would: drifted formats, poison values, names that collide), keyset-paged as
 * {@code GET /v1/users} of the design ({@code updated_since}, {@code after_id}, {@code
 * updated_before}, {@code limit}), with a Date header. Each record is placed in the order by the
 * {@code (updatedAt, id)} the test gives, whatever its text says. Can be told to ignore {@code
 * limit}. Real HTTP on 127.0.0.1, port 0.
 */
public final class StubUsersApi implements AutoCloseable {
  /** One record: where it sorts, and its text. */
  public record Item(Instant updatedAt, String id, String json) {}

  private static final Comparator<Item> ORDER =
      Comparator.comparing(Item::updatedAt).thenComparing(Item::id);

  private final HttpServer server;
  private final List<Item> items = new CopyOnWriteArrayList<>();
  private volatile boolean ignoreLimit;

  private StubUsersApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/v1/users", this::users);
    server.start();
  }

  public static StubUsersApi start() {
    try {
      return new StubUsersApi();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Adds a record sorting at {@code (updatedAt, id)} whose text is {@code json}. */
  public StubUsersApi add(Instant updatedAt, String id, String json) {
    items.add(new Item(updatedAt, id, json));
    return this;
  }

  /** Adds a well-formed user. */
  public StubUsersApi user(Instant updatedAt, String id, String createdAt) {
    return add(
        updatedAt,
        id,
        "{\"id\":\""
            + id
            + "\",\"name\":\"n-"
            + id
            + "\",\"createdAt\":"
            + createdAt
            + ",\"updatedAt\":\""
            + updatedAt
            + "\",\"deletedAt\":null}");
  }

  /** From now on, every page holds every row from its start (as a broken API would). */
  public void ignoreLimit() {
    ignoreLimit = true;
  }

  private void users(HttpExchange ex) throws IOException {
    Map<String, String> q = query(ex.getRequestURI());
    Instant since = Instant.parse(q.get("updated_since"));
    String after = q.get("after_id");
    Instant before =
        q.containsKey("updated_before") ? Instant.parse(q.get("updated_before")) : null;
    int limit = Integer.parseInt(q.getOrDefault("limit", "1000"));
    List<Item> sorted = new ArrayList<>(items);
    sorted.sort(ORDER);
    List<Item> page = new ArrayList<>();
    boolean more = false;
    for (Item i : sorted) {
      int c = i.updatedAt().compareTo(since);
      if (c < 0 || (after != null && c == 0 && i.id().compareTo(after) <= 0)) {
        continue;
      }
      if (before != null && !i.updatedAt().isBefore(before)) {
        break;
      }
      if (page.size() == limit && !ignoreLimit) {
        more = true;
        break;
      }
      page.add(i);
    }
    StringBuilder body = new StringBuilder("{\"data\":[");
    for (int k = 0; k < page.size(); k++) {
      body.append(k == 0 ? "" : ",").append(page.get(k).json());
    }
    body.append("],\"has_more\":").append(more).append(",\"next\":");
    if (page.isEmpty()) {
      body.append("null}");
    } else {
      Item last = page.get(page.size() - 1);
      body.append("{\"updated_since\":\"")
          .append(last.updatedAt())
          .append("\",\"after_id\":\"")
          .append(last.id())
          .append("\"}}");
    }
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.getResponseHeaders()
        .set(
            "Date",
            DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC)));
    ex.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> q = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        q.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
