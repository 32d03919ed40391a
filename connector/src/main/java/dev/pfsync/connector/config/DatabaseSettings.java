package dev.pfsync.connector.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the connector writes.
 *
 * @param jdbcUrl the JDBC URL if one was configured (flag, config, {@code PFSYNC_JDBC_URL} or
 *     libpq's {@code PG*} variables); empty means "the default local server, or an embedded one"
 * @param user database user
 * @param password database password, if any
 * @param schema the schema of the data tables
 * @param lease how long the connector's lease outlives a process that stopped renewing it
 */
public record DatabaseSettings(
    Optional<String> jdbcUrl,
    String user,
    Optional<String> password,
    String schema,
    Duration lease) {
  /** The URL used when none is configured. */
  public static final String DEFAULT_JDBC_URL = "jdbc:postgresql://localhost:5432/postgres";

  public DatabaseSettings {
    Objects.requireNonNull(jdbcUrl, "jdbc-url");
    Objects.requireNonNull(user, "db-user");
    Objects.requireNonNull(password, "db-password");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(lease, "lease");
  }

  @Override
  public String toString() {
    return "DatabaseSettings[jdbcUrl="
        + jdbcUrl.orElse("(default)")
        + ", user="
        + user
        + ", password="
        + (password.isPresent() ? "<redacted>" : "none")
        + ", schema="
        + schema
        + ", lease="
        + lease
        + "]";
  }
}
