package dev.pfsync.it.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP proxy in front of the mock API that watches what the connector is served: every user id
 * of every {@code /v1/users} page, by "epoch" (one epoch per connector process). A user served in
 * an epoch after the one that first served it was fetched again; the crash scenario bounds that by
 * one page per restart. It can also rewrite successful pages ({@link #corrupt}) for the hostile
 * input scenario.
 */
final class PageProxy implements AutoCloseable {
  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final HttpClient client = HttpClient.newHttpClient();
  private final String upstream;
  private final Map<String, Integer> firstEpoch = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicLong> refetched = new ConcurrentHashMap<>();
  private final Map<Integer, Long> firstRequestNanos = new ConcurrentHashMap<>();
  private final AtomicLong servedRows = new AtomicLong();
  private final AtomicLong repeatedInEpoch = new AtomicLong();
  private final AtomicInteger epoch = new AtomicInteger();
  private volatile UnaryOperator<byte[]> rewrite = UnaryOperator.identity();

  private PageProxy(String upstream) throws IOException {
    this.upstream = upstream;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext("/", this::forward);
    server.setExecutor(executor);
    server.start();
  }

  static PageProxy to(String upstream) {
    try {
      return new PageProxy(upstream);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the proxy", e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Starts a new epoch (call before each connector process starts); returns its number. */
  int nextEpoch() {
    return epoch.incrementAndGet();
  }

  /** When epoch {@code e} sent its first request ({@link System#nanoTime()}), if it did. */
  java.util.Optional<Long> firstRequestNanos(int e) {
    return java.util.Optional.ofNullable(firstRequestNanos.get(e));
  }

  /** Users served in {@code e} that an earlier epoch had already served. */
  long refetchedIn(int e) {
    return refetched.getOrDefault(e, new AtomicLong()).get();
  }

  /** Users served twice within one epoch (one process): the engine re-read its own rows. */
  long repeatedInEpoch() {
    return repeatedInEpoch.get();
  }

  long servedRows() {
    return servedRows.get();
  }

  /** From now on, successful {@code /v1/users} bodies pass through {@code f}. */
  void corrupt(UnaryOperator<byte[]> f) {
    this.rewrite = f;
  }

  private void forward(HttpExchange ex) throws IOException {
    // The epoch of the process that sent the request, even if the answer comes after it died.
    int requestEpoch = epoch.get();
    try (ex) {
      firstRequestNanos.putIfAbsent(requestEpoch, System.nanoTime());
      HttpRequest.Builder req =
          HttpRequest.newBuilder(URI.create(upstream + ex.getRequestURI().toString())).GET();
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (auth != null) {
        req.header("Authorization", auth);
      }
      HttpResponse<byte[]> r;
      try {
        r = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        ex.sendResponseHeaders(502, -1);
        return;
      }
      byte[] body = r.body();
      if (r.statusCode() == 200 && ex.getRequestURI().getPath().equals("/v1/users")) {
        record(body, requestEpoch);
        body = rewrite.apply(body);
      }
      r.headers()
          .firstValue("Retry-After")
          .ifPresent(v -> ex.getResponseHeaders().add("Retry-After", v));
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(r.statusCode(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(body);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void record(byte[] body, int e) {
    Matcher m = ID.matcher(new String(body, StandardCharsets.UTF_8));
    while (m.find()) {
      servedRows.incrementAndGet();
      Integer first = firstEpoch.putIfAbsent(m.group(1), e);
      if (first != null && first < e) {
        refetched.computeIfAbsent(e, k -> new AtomicLong()).incrementAndGet();
      } else if (first != null) {
        repeatedInEpoch.incrementAndGet();
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
