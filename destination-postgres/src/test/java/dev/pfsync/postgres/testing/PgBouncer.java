package dev.pfsync.postgres.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * pgbouncer in front of the test database, the way managed PostgreSQL is often reached: {@code
 * pool_mode = transaction}, so each transaction may run on another server session, with a pool of
 * two server connections per database and user, so that the transactions of different clients
 * really share sessions. Debian's {@code /usr/sbin/pgbouncer} (1.18) on a free 127.0.0.1 port,
 * stopped at {@link #close()}. Without the binary the test fails: install it with {@code apt-get
 * install pgbouncer} ({@code .ci/run} does).
 */
public final class PgBouncer implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/sbin/pgbouncer");
  private static final long START_TIMEOUT_NANOS = 10_000_000_000L;

  private final TestDatabase through;
  private final Process process;
  private final Path dir;

  private PgBouncer(TestDatabase through, Process process, Path dir) {
    this.through = through;
    this.process = process;
    this.dir = dir;
  }

  /** Starts pgbouncer in front of {@code db}'s server (every database of it). */
  public static PgBouncer start(TestDatabase db) {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(
          BINARY + " is missing: install pgbouncer (apt-get install -y pgbouncer; .ci/run does)");
    }
    try {
      int port = freePort();
      Path dir = configure(db, port);
      List<String> command = new ArrayList<>(List.of(BINARY.toString()));
      if (isRoot()) {
        command.addAll(List.of("-u", "postgres")); // pgbouncer refuses to run as root
      }
      command.add(dir.resolve("pgbouncer.ini").toString());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("pgbouncer.log").toFile())
              .start();
      PgBouncer bouncer = new PgBouncer(db.withAddress("127.0.0.1", port), process, dir);
      bouncer.awaitListening(port);
      return bouncer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The same database through the pooler, by a plain URL: no parameter, since the point is that the
   * destination's own defaults work through it.
   */
  public TestDatabase database() {
    return through;
  }

  /** What pgbouncer logged so far (for failure messages). */
  public String log() {
    try {
      return Files.readString(dir.resolve("pgbouncer.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // A temporary directory: left for the OS to clean.
    }
  }

  private static Path configure(TestDatabase db, int port) throws IOException {
    Path dir =
        Files.createTempDirectory(
            "pfsync-pgbouncer",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    // auth_type = trust still wants the user listed; the password, if any, logs in to the server.
    Files.writeString(
        dir.resolve("userlist.txt"),
        quote(db.user()) + " " + quote(db.password().orElse("")) + "\n");
    Files.writeString(
        dir.resolve("pgbouncer.ini"),
        String.join(
            "\n",
            "[databases]",
            "* = host=" + db.host() + " port=" + db.port(),
            "[pgbouncer]",
            "listen_addr = 127.0.0.1",
            "listen_port = " + port,
            "unix_socket_dir =",
            "auth_type = trust",
            "auth_file = " + dir.resolve("userlist.txt"),
            "pool_mode = transaction",
            "default_pool_size = 2",
            "max_client_conn = 200",
            // Sent by older pgjdbc (and other clients) at start-up; pgbouncer refuses it otherwise.
            "ignore_startup_parameters = extra_float_digits",
            ""));
    if (isRoot()) {
      UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.setOwner(f, users.lookupPrincipalByName("postgres"));
        }
      }
      Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
    }
    return dir;
  }

  private void awaitListening(int port) {
    long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("pgbouncer exited at start:\n" + log());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        sleep(50);
      }
    }
    close();
    throw new IllegalStateException("pgbouncer did not listen on port " + port + ":\n" + log());
  }

  private static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
