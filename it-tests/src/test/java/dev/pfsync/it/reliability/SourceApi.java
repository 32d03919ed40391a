package dev.pfsync.it.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pfsync.mockapi.MockApiOptions;
import dev.pfsync.mockapi.MockApiServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The mock API in this JVM (port 0, admin on, wall clock, since the connector jar reads the wall
 * clock) and its control plane: faults and the ground truth.
 */
final class SourceApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final MockApiServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  private SourceApi(MockApiServer server) {
    this.server = server;
  }

  static SourceApi start(int users) {
    return start(MockApiOptions.defaults().withUsers(users));
  }

  static SourceApi start(MockApiOptions options) {
    return new SourceApi(MockApiServer.start(options.withPort(0).withAdmin(true)));
  }

  String url() {
    return server.baseUrl();
  }

  URI truthUri() {
    return URI.create(url() + "/admin/truth");
  }

  /** {@code PUT /admin/faults} with this JSON body; {@code "{}"} clears every fault. */
  void faults(String json) {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create(url() + "/admin/faults"))
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .build());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("PUT /admin/faults " + json + " -> " + r.statusCode());
    }
  }

  void clearFaults() {
    faults("{}");
  }

  /** Every user of the truth as its key, in key order. */
  List<UserKey> truthKeys() {
    try {
      HttpResponse<InputStream> r =
          http.send(
              HttpRequest.newBuilder(truthUri()).build(),
              HttpResponse.BodyHandlers.ofInputStream());
      List<UserKey> keys = new ArrayList<>();
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (!line.isBlank()) {
            JsonNode n = JSON.readTree(line);
            keys.add(new UserKey(Instant.parse(n.get("updatedAt").asText()), n.get("id").asText()));
          }
        }
      }
      Collections.sort(keys);
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
