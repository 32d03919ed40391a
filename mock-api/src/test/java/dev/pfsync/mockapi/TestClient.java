package dev.pfsync.mockapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A small real-HTTP client for the tests (java.net.http). */
final class TestClient {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;
  private final Optional<String> token;

  TestClient(MockApiServer server) {
    this(server, Optional.empty());
  }

  TestClient(MockApiServer server, Optional<String> token) {
    this.base = server.baseUrl();
    this.token = token;
  }

  record Response(int status, String body, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }
  }

  Response get(String pathAndQuery) {
    return send(request(pathAndQuery).GET());
  }

  Response post(String path, String body) {
    return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Response put(String path, String body) {
    return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Sends and throws IOException as is (for the connection-reset fault). */
  HttpResponse<String> rawGet(String pathAndQuery) throws IOException, InterruptedException {
    return http.send(request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30));
    token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    return b;
  }

  private Response send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The ground truth, one parsed JSON object per NDJSON line. */
  List<JsonNode> truth(String resource) {
    Response r = get("/admin/truth?resource=" + resource);
    if (r.status() != 200) {
      throw new IllegalStateException("truth answered " + r.status() + ": " + r.body());
    }
    List<JsonNode> rows = new ArrayList<>();
    for (String line : r.body().split("\n")) {
      if (!line.isEmpty()) {
        try {
          rows.add(JSON.readTree(line));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return rows;
  }

  /** Walks /v1/users with the keyset from {@code since}; returns every row in arrival order. */
  List<JsonNode> walkUsers(String since, int limit, Optional<String> before) {
    List<JsonNode> rows = new ArrayList<>();
    String query = "updated_since=" + since;
    for (int pages = 0; pages < 1_000_000; pages++) {
      Response r =
          get(
              "/v1/users?"
                  + query
                  + "&limit="
                  + limit
                  + before.map(b -> "&updated_before=" + b).orElse(""));
      if (r.status() != 200) {
        throw new IllegalStateException("page answered " + r.status() + ": " + r.body());
      }
      JsonNode page = r.json();
      page.get("data").forEach(rows::add);
      if (!page.get("has_more").asBoolean()) {
        return rows;
      }
      JsonNode next = page.get("next");
      query =
          "updated_since="
              + next.get("updated_since").asText()
              + "&after_id="
              + next.get("after_id").asText();
    }
    throw new IllegalStateException("walk did not end");
  }
}
