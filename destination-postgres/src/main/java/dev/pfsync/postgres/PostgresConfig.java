package dev.pfsync.postgres;

import dev.pfsync.core.ConfigurationException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach the destination database and where to put the data tables.
 *
 * <p>Validated on construction; each failure is a {@link ConfigurationException} naming the field.
 * The password goes only in {@link #password()}: a JDBC URL carrying one is refused, so neither
 * {@link #toString()} nor any error message can reveal it.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:port/database}
 * @param user the database user
 * @param password the user's password, if the server asks for one
 * @param schema the schema of the data tables, created if missing (an unquoted-style identifier)
 * @param lease how long the connector's lease lasts past its last renewal (at least 1s): the time
 *     another process waits to take over from one whose host died
 */
public record PostgresConfig(
    String jdbcUrl, String user, Optional<String> password, String schema, Duration lease) {

  /** The lease when none is given. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

  private static final String URL_PREFIX = "jdbc:postgresql:";
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
  // Any *password= parameter (password, sslpassword), and user-info (//user:secret@host).
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("[?&][a-z]*password=|//[^/?#]*@", Pattern.CASE_INSENSITIVE);

  public PostgresConfig {
    if (jdbcUrl == null || !jdbcUrl.startsWith(URL_PREFIX)) {
      throw new ConfigurationException("jdbcUrl must start with " + URL_PREFIX);
    }
    if (PASSWORD_PARAM.matcher(jdbcUrl).find()) {
      throw new ConfigurationException(
          "jdbcUrl must not contain a password or user-info (user:secret@); pass the user"
              + " and password as their own settings");
    }
    if (user == null || user.isBlank()) {
      throw new ConfigurationException("user cannot be blank");
    }
    Objects.requireNonNull(password, "password (use Optional.empty())");
    if (schema == null || !IDENTIFIER.matcher(schema).matches()) {
      throw new ConfigurationException(
          "schema must be an identifier of letters, digits and _ (at most 63), got: " + schema);
    }
    String lower = schema.toLowerCase(Locale.ROOT);
    if (lower.startsWith("pg_") || lower.equals("_pfsync")) {
      throw new ConfigurationException("schema " + schema + " is reserved");
    }
    if (lease == null) {
      throw new ConfigurationException("lease cannot be null");
    }
    if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new ConfigurationException(
          "lease must be at least 1s, got: " + lease.toMillis() + "ms");
    }
  }

  /** A config with the {@link #DEFAULT_LEASE}. */
  public PostgresConfig(String jdbcUrl, String user, Optional<String> password, String schema) {
    this(jdbcUrl, user, password, schema, DEFAULT_LEASE);
  }

  /** A config without a password. */
  public static PostgresConfig of(String jdbcUrl, String user, String schema) {
    return new PostgresConfig(jdbcUrl, user, Optional.empty(), schema);
  }

  @Override
  public String toString() {
    return "PostgresConfig[jdbcUrl="
        + jdbcUrl
        + ", user="
        + user
        + ", password="
        + (password.isPresent() ? "****" : "<none>")
        + ", schema="
        + schema
        + ", lease="
        + lease
        + "]";
  }
}
