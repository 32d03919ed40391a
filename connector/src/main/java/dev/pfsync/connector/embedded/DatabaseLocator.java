package dev.pfsync.connector.embedded;

import dev.pfsync.connector.config.DatabaseSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the database: the configured one; else the default local server if it answers; else an
 * embedded one in {@code ./.pfsync/postgres}. {@code PFSYNC_EMBEDDED=always} forces the embedded
 * server, {@code never} forbids it.
 */
public final class DatabaseLocator {
  static final String DEFAULT_HOST = "localhost";
  static final int DEFAULT_PORT = 5432;

  private final Map<String, String> env;
  private final Path embeddedDataDirectory;
  private final PrintStream notices;

  public DatabaseLocator(Map<String, String> env, Path embeddedDataDirectory, PrintStream notices) {
    this.env = Map.copyOf(env);
    this.embeddedDataDirectory = embeddedDataDirectory;
    this.notices = notices;
  }

  /** The default: embedded data under {@code ./.pfsync/postgres}, notices to {@code notices}. */
  public static DatabaseLocator standard(Map<String, String> env, PrintStream notices) {
    return new DatabaseLocator(env, Path.of(".pfsync", "postgres"), notices);
  }

  public LocatedDatabase locate(DatabaseSettings settings) {
    String mode = env.getOrDefault("PFSYNC_EMBEDDED", "auto").toLowerCase(Locale.ROOT);
    if (settings.jdbcUrl().isPresent() && !mode.equals("always")) {
      return new LocatedDatabase(settings.jdbcUrl().get(), settings.user(), Optional.empty());
    }
    if (!mode.equals("always") && (mode.equals("never") || answers(DEFAULT_HOST, DEFAULT_PORT))) {
      return new LocatedDatabase(
          DatabaseSettings.DEFAULT_JDBC_URL, settings.user(), Optional.empty());
    }
    EmbeddedDatabase db = EmbeddedDatabase.start(embeddedDataDirectory.toAbsolutePath());
    notices.println(
        "pfsync: "
            + (mode.equals("always")
                ? "PFSYNC_EMBEDDED=always"
                : "no database configured and none at localhost:5432")
            + ": using an embedded PostgreSQL with data in "
            + embeddedDataDirectory
            + " (pass --jdbc-url to use your own)");
    return new LocatedDatabase(db.jdbcUrl(), "postgres", Optional.of(db));
  }

  static boolean answers(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
