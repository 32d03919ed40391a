package dev.pfsync.mockapi.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.pfsync.mockapi.MockApiOptions;
import dev.pfsync.mockapi.MockApiServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Walks every {@code /v1/users} page over HTTP with the keyset and prints rows/s. Either against a
 * running server ({@code --url http://127.0.0.1:5001 [--token T]}) or against one it starts
 * in-process ({@code --users 1000000}). {@code --limits 10000,1000} picks the page sizes; each is
 * walked once to warm up and then timed. Exits 1 if a walk is out of order or incomplete.
 */
public final class WalkBenchmark {
  private static final JsonFactory JSON = new JsonFactory();

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;
  private final Optional<String> token;

  private WalkBenchmark(String base, Optional<String> token) {
    this.base = base;
    this.token = token;
  }

  /** What one walk saw. */
  record Walk(long rows, long pages, long bytes, double seconds, boolean ordered) {
    double rowsPerSecond() {
      return rows / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    int users = 1_000_000;
    List<Integer> limits = List.of(10_000, 1_000);
    Optional<String> url = Optional.empty();
    Optional<String> token = Optional.empty();
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--users" -> users = Integer.parseInt(args[i + 1]);
        case "--limits" -> limits = parseLimits(args[i + 1]);
        case "--url" -> url = Optional.of(args[i + 1]);
        case "--token" -> token = Optional.of(args[i + 1]);
        default -> {
          System.err.println(
              "usage: WalkBenchmark [--users N | --url URL [--token T]] [--limits 10000,1000]");
          System.exit(2);
        }
      }
    }
    MockApiServer server = null;
    if (url.isEmpty()) {
      long t0 = System.nanoTime();
      server =
          MockApiServer.start(
              MockApiOptions.defaults()
                  .withPort(0)
                  .withUsers(users)
                  .withNow(Instant.parse("2026-11-20T08:00:00Z")));
      System.out.printf(
          "in-process server with %,d users ready in %.2f s%n",
          users, (System.nanoTime() - t0) / 1e9);
      url = Optional.of(server.baseUrl());
    }
    try {
      boolean ok = new WalkBenchmark(url.get(), token).run(limits, server == null ? -1 : users);
      System.exit(ok ? 0 : 1);
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  private static List<Integer> parseLimits(String s) {
    List<Integer> out = new ArrayList<>();
    for (String part : s.split(",")) {
      out.add(Integer.parseInt(part.trim()));
    }
    return out;
  }

  private boolean run(List<Integer> limits, long expectedRows)
      throws IOException, InterruptedException {
    boolean ok = true;
    for (int limit : limits) {
      walk(limit); // warm-up: JIT on both sides
      Walk w = walk(limit);
      System.out.printf(
          "limit=%d rows=%,d pages=%,d bytes=%,d time=%.2f s -> %,.0f rows/s (%.1f MB/s)%s%n",
          limit,
          w.rows(),
          w.pages(),
          w.bytes(),
          w.seconds(),
          w.rowsPerSecond(),
          w.bytes() / w.seconds() / 1e6,
          w.ordered() ? "" : " OUT OF ORDER");
      ok &= w.ordered() && (expectedRows < 0 || w.rows() == expectedRows);
    }
    return ok;
  }

  private Walk walk(int limit) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Page page = fetch("updated_since=1970-01-01T00:00:00Z", limit, "", "");
    long rows = page.rows;
    long pages = 1;
    long bytes = page.bytes;
    boolean ordered = page.ordered;
    while (page.hasMore) {
      String query = "updated_since=" + enc(page.nextSince) + "&after_id=" + enc(page.nextAfter);
      page = fetch(query, limit, page.nextSince, page.nextAfter);
      rows += page.rows;
      pages++;
      bytes += page.bytes;
      ordered &= page.ordered;
    }
    return new Walk(rows, pages, bytes, (System.nanoTime() - start) / 1e9, ordered);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** One parsed page: counts, the cursor, and whether its keys rose strictly from the previous. */
  private static final class Page {
    long rows;
    long bytes;
    boolean hasMore;
    boolean ordered = true;
    String nextSince = "";
    String nextAfter = "";
  }

  private Page fetch(String query, int limit, String prevSince, String prevId)
      throws IOException, InterruptedException {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(base + "/v1/users?" + query + "&limit=" + limit));
    token.ifPresent(t -> req.header("Authorization", "Bearer " + t));
    HttpResponse<InputStream> res =
        http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    if (res.statusCode() != 200) {
      throw new IOException("HTTP " + res.statusCode() + " for " + query);
    }
    Page page = new Page();
    String lastSince = prevSince;
    String lastId = prevId;
    try (InputStream in = res.body();
        JsonParser p = JSON.createParser(in)) {
      p.nextToken(); // {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "data" -> {
            while (p.nextToken() == JsonToken.START_OBJECT) {
              String since = null;
              String id = null;
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("updatedAt")) {
                  since = p.getText();
                } else if (name.equals("id")) {
                  id = p.getText();
                }
              }
              int c = since.compareTo(lastSince);
              page.ordered &= c > 0 || (c == 0 && id.compareTo(lastId) > 0);
              lastSince = since;
              lastId = id;
              page.rows++;
            }
          }
          case "has_more" -> page.hasMore = p.getBooleanValue();
          case "next" -> {
            if (p.currentToken() == JsonToken.START_OBJECT) {
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("updated_since")) {
                  page.nextSince = p.getText();
                } else {
                  page.nextAfter = p.getText();
                }
              }
            }
          }
          default -> p.skipChildren();
        }
      }
      page.bytes = p.currentLocation().getByteOffset();
    }
    return page;
  }
}
