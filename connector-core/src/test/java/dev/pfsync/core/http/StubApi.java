package dev.pfsync.core.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted HTTP API on 127.0.0.1, port 0: each request takes the next scripted response (the last
 * one repeats) and is recorded.
 */
final class StubApi implements AutoCloseable {

  /** Answers one exchange. */
  @FunctionalInterface
  interface Responder {
    void respond(HttpExchange exchange) throws IOException;
  }

  /** What the stub saw of a request. */
  record Seen(
      String path,
      String rawQuery,
      Optional<String> authorization,
      Optional<String> accept,
      int remotePort) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final ConcurrentLinkedQueue<Responder> script = new ConcurrentLinkedQueue<>();
  private volatile Responder last = json(500, "{\"error\":\"nothing scripted\"}");
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  StubApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "stub-api");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Scripts the next responses, in order; the last one answers every later request too. */
  StubApi then(Responder... responders) {
    for (Responder r : responders) {
      script.add(r);
    }
    return this;
  }

  List<Seen> requests() {
    return List.copyOf(seen);
  }

  private void handle(HttpExchange ex) throws IOException {
    var h = ex.getRequestHeaders();
    seen.add(
        new Seen(
            ex.getRequestURI().getRawPath(),
            ex.getRequestURI().getRawQuery(),
            Optional.ofNullable(h.getFirst("Authorization")),
            Optional.ofNullable(h.getFirst("Accept")),
            ex.getRemoteAddress().getPort()));
    Responder r = script.poll();
    if (r != null) {
      last = r;
    } else {
      r = last;
    }
    r.respond(ex);
  }

  static Responder json(int status, String body, String... headerPairs) {
    return ex -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      for (int i = 0; i < headerPairs.length; i += 2) {
        ex.getResponseHeaders().set(headerPairs[i], headerPairs[i + 1]);
      }
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    };
  }

  /** Waits before answering, to trip the client's read timeout. */
  static Responder slow(long millis, Responder then) {
    return ex -> {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      then.respond(ex);
    };
  }

  /** Promises the whole body in Content-Length, sends half of it, then drops the connection. */
  static Responder truncated(String body) {
    return ex -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, bytes.length);
      OutputStream out = ex.getResponseBody();
      out.write(bytes, 0, bytes.length / 2);
      out.flush();
      ex.close(); // fewer bytes than promised: the server closes the connection
    };
  }

  /**
   * Answers 200 with {@code start}, then one space (JSON whitespace: the body stays well formed so
   * far) every {@code everyMillis} ms, for up to a minute: a server that never trips a socket
   * timeout, yet never finishes.
   */
  static Responder trickle(String start, long everyMillis) {
    return ex -> {
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, 0); // chunked: each flush sends what was written
      OutputStream out = ex.getResponseBody();
      out.write(start.getBytes(StandardCharsets.UTF_8));
      out.flush();
      for (long waited = 0; waited < 60_000; waited += everyMillis) {
        try {
          Thread.sleep(everyMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        out.write(' ');
        out.flush(); // fails once the client has gone
      }
    };
  }

  /** Drops the connection without answering. */
  static Responder drop() {
    return ex -> {
      throw new IOException("stub drops the connection");
    };
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
