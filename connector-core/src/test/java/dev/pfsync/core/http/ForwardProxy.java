package dev.pfsync.core.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny forward HTTP proxy on 127.0.0.1, port 0: records each request line (absolute-URI form, as
 * a client sends it to a proxy) and its {@code Proxy-Authorization}, and relays every request to
 * one upstream server whatever host it names (so a test can name a host that does not resolve: a
 * request that arrives went through the proxy). With {@code requiredAuthorization} it answers 407
 * to a request without that header value.
 */
final class ForwardProxy implements AutoCloseable {
  /** One request the proxy received. */
  record Seen(String requestLine, Optional<String> proxyAuthorization) {}

  private final ServerSocket server;
  private final InetSocketAddress upstream;
  private final Optional<String> requiredAuthorization;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  ForwardProxy(URI upstream, Optional<String> requiredAuthorization) throws IOException {
    this.upstream = new InetSocketAddress(upstream.getHost(), upstream.getPort());
    this.requiredAuthorization = requiredAuthorization;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    Thread accept = new Thread(this::accept, "forward-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  ForwardProxy(URI upstream) throws IOException {
    this(upstream, Optional.empty());
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  int port() {
    return server.getLocalPort();
  }

  List<Seen> requests() {
    return List.copyOf(seen);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread t = new Thread(() -> serve(client), "forward-proxy-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** Requests on one client connection until one is relayed (the relay closes it). */
  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (true) {
        List<String> head = readHead(in);
        if (head.isEmpty()) {
          return;
        }
        Optional<String> auth = header(head, "Proxy-Authorization");
        seen.add(new Seen(head.get(0), auth));
        if (requiredAuthorization.isPresent() && !requiredAuthorization.equals(auth)) {
          out.write(
              ("HTTP/1.1 407 Proxy Authentication Required\r\n"
                      + "Proxy-Authenticate: Basic realm=\"test\"\r\n"
                      + "Content-Length: 0\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          continue;
        }
        relay(head, out);
        return;
      }
    } catch (IOException e) {
      // the client or the upstream went away
    }
  }

  private void relay(List<String> head, OutputStream out) throws IOException {
    String[] line = head.get(0).split(" ");
    URI target = URI.create(line[1]);
    StringBuilder request = new StringBuilder();
    request.append(line[0]).append(' ').append(target.getRawPath());
    if (target.getRawQuery() != null) {
      request.append('?').append(target.getRawQuery());
    }
    request.append(" HTTP/1.1\r\n");
    for (String h : head.subList(1, head.size())) {
      String name = h.substring(0, h.indexOf(':')).trim();
      if (!name.equalsIgnoreCase("Proxy-Authorization")
          && !name.equalsIgnoreCase("Proxy-Connection")
          && !name.equalsIgnoreCase("Connection")) {
        request.append(h).append("\r\n");
      }
    }
    request.append("Connection: close\r\n\r\n");
    try (Socket up = new Socket()) {
      up.connect(upstream, 2_000);
      up.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
      up.getOutputStream().flush();
      up.getInputStream().transferTo(out); // the upstream closes after its answer
      out.flush();
    }
  }

  private static Optional<String> header(List<String> head, String name) {
    for (String h : head.subList(1, head.size())) {
      int colon = h.indexOf(':');
      if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return Optional.of(h.substring(colon + 1).trim());
      }
    }
    return Optional.empty();
  }

  /** The request line and headers, or nothing at the end of the connection. */
  private static List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.US_ASCII).stripTrailing();
        line.reset();
        if (text.isEmpty()) {
          return lines;
        }
        lines.add(text);
      } else {
        line.write(b);
      }
    }
    return List.of();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
