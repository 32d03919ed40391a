package dev.pfsync.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pfsync.mockapi.MockApiOptions;
import dev.pfsync.mockapi.MockApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The mock API started in this JVM on port 0 (admin on), with its control plane: mutations, the
 * clock, faults and the ground truth. Close it when done.
 */
public final class MockApi implements AutoCloseable {
  /** The fixed "now" of reproducible tests. */
  public static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");

  private static final ObjectMapper JSON = new ObjectMapper();
  private final MockApiServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  private MockApi(MockApiServer server) {
    this.server = server;
  }

  /** Starts with these options, forced to port 0 and admin on. */
  public static MockApi start(MockApiOptions options) {
    return new MockApi(MockApiServer.start(options.withPort(0).withAdmin(true)));
  }

  /** {@code users} users around the fixed {@link #NOW}. */
  public static MockApi fixed(int users) {
    return start(MockApiOptions.defaults().withUsers(users).withNow(NOW));
  }

  /** {@code users} users around the wall clock (for runs of the jar, which uses the wall clock). */
  public static MockApi wallClock(int users) {
    return start(MockApiOptions.defaults().withUsers(users));
  }

  public MockApiServer server() {
    return server;
  }

  /** {@code http://127.0.0.1:<port>} */
  public String baseUrl() {
    return server.baseUrl();
  }

  public URI baseUri() {
    return server.baseUri();
  }

  /** The server's current clock. */
  public Instant now() {
    return server.now();
  }

  /** {@code POST /admin/mutations}; returns the answer (ids updated, inserted, deleted). */
  public JsonNode mutate(int updates, int inserts, int deletes) {
    return mutate(Map.of("updates", updates, "inserts", inserts, "deletes", deletes));
  }

  /** {@code POST /admin/mutations} with any body (e.g. {@code order_updates}). */
  public JsonNode mutate(Map<String, ?> body) {
    return send("POST", "/admin/mutations", body);
  }

  /** {@code POST /admin/clock}: moves the server's clock. */
  public void setClock(Instant now) {
    send("POST", "/admin/clock", Map.of("now", now.toString()));
  }

  /** {@code PUT /admin/faults}: replaces the fault set ({@code Map.of()} clears it). */
  public void putFaults(Map<String, ?> faults) {
    send("PUT", "/admin/faults", faults);
  }

  /** {@code GET /admin/truth?resource=...} ({@code users} or {@code orders}), row by row. */
  public List<JsonNode> truth(String resource) {
    String body = get("/admin/truth?resource=" + resource);
    List<JsonNode> rows = new ArrayList<>();
    try {
      for (String line : body.split("\n")) {
        if (!line.isBlank()) {
          rows.add(JSON.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** The full URL of the truth of {@code resource}. */
  public URI truthUri(String resource) {
    return URI.create(baseUrl() + "/admin/truth?resource=" + resource);
  }

  /** A GET answered 200; returns the body. */
  public String get(String pathAndQuery) {
    HttpResponse<String> r = exchange(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    return r.body();
  }

  @Override
  public void close() {
    server.close();
  }

  private JsonNode send(String method, String path, Map<String, ?> body) {
    try {
      String json = JSON.writeValueAsString(body);
      HttpResponse<String> r =
          exchange(
              HttpRequest.newBuilder(uri(path))
                  .header("Content-Type", "application/json")
                  .method(method, HttpRequest.BodyPublishers.ofString(json)));
      return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<String> exchange(HttpRequest.Builder request) {
    try {
      HttpRequest req = request.build();
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(
            req.method() + " " + req.uri() + " answered HTTP " + r.statusCode() + ": " + r.body());
      }
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private URI uri(String pathAndQuery) {
    return URI.create(baseUrl() + pathAndQuery);
  }
}
