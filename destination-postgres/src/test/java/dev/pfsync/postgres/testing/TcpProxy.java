package dev.pfsync.postgres.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on a free 127.0.0.1 port that can {@link #blackhole} the connections it carries: they
 * stay open but nothing passes any more in either direction, as when a NAT or firewall silently
 * drops its mapping. New connections still pass.
 */
public final class TcpProxy implements AutoCloseable {
  private final String host;
  private final int port;
  private final ServerSocket server;
  private final List<Link> links = new CopyOnWriteArrayList<>();

  private TcpProxy(String host, int port) throws IOException {
    this.host = host;
    this.port = port;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    daemon("tcp-proxy-accept", this::accept);
  }

  /** Starts a proxy to {@code host:port}. */
  public static TcpProxy to(String host, int port) {
    try {
      return new TcpProxy(host, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The port to connect to instead of the target's. */
  public int port() {
    return server.getLocalPort();
  }

  /** From now on, the connections open now carry nothing (both directions); none is closed. */
  public void blackhole() {
    links.forEach(l -> l.blackholed = true);
  }

  @Override
  public void close() {
    closeQuietly(server);
    for (Link l : links) {
      closeQuietly(l.client);
      closeQuietly(l.upstream);
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(host, port);
        Link link = new Link(client, upstream);
        links.add(link);
        daemon("tcp-proxy-up", () -> pump(link, client, upstream));
        daemon("tcp-proxy-down", () -> pump(link, upstream, client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** Copies bytes from one side to the other; once blackholed, reads and drops them. */
  private static void pump(Link link, Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (!link.blackholed) {
          out.write(buffer, 0, n);
          out.flush();
        }
      }
      if (!link.blackholed) {
        to.shutdownOutput();
      }
    } catch (IOException e) {
      // One side closed: the other one follows.
    }
  }

  private static void daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // Closing a test proxy: nothing to report.
    }
  }

  private static final class Link {
    final Socket client;
    final Socket upstream;
    volatile boolean blackholed;

    Link(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }
  }
}
