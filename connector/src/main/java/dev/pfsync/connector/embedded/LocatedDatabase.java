package dev.pfsync.connector.embedded;

import java.util.Optional;

/**
 * The database the connector will use, and the embedded server behind it if it started one (to be
 * closed when the connector is done).
 */
public record LocatedDatabase(String jdbcUrl, String user, Optional<EmbeddedDatabase> embedded)
    implements AutoCloseable {

  @Override
  public void close() {
    embedded.ifPresent(EmbeddedDatabase::close);
  }
}
