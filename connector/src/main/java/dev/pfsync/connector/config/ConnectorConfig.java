package dev.pfsync.connector.config;

import dev.pfsync.core.SyncSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The connector's resolved configuration. {@link #toString()} never shows the API token or the
 * database password.
 *
 * @param apiUrl base URL of the source API
 * @param apiToken bearer token, if the API needs one
 * @param database where to write
 * @param sync the PFS settings
 * @param slice with {@code --until-complete}: historical work between incremental runs
 * @param interval with {@code --follow}: time between incremental runs
 */
public record ConnectorConfig(
    URI apiUrl,
    Optional<String> apiToken,
    DatabaseSettings database,
    SyncSettings sync,
    Duration slice,
    Duration interval) {
  public ConnectorConfig {
    Objects.requireNonNull(apiUrl, "api-url");
    Objects.requireNonNull(apiToken, "api-token");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(sync, "sync");
    Objects.requireNonNull(slice, "slice");
    Objects.requireNonNull(interval, "interval");
  }

  @Override
  public String toString() {
    return "ConnectorConfig[apiUrl="
        + apiUrl
        + ", apiToken="
        + (apiToken.isPresent() ? "<redacted>" : "none")
        + ", database="
        + database
        + ", sync="
        + sync
        + ", slice="
        + slice
        + ", interval="
        + interval
        + "]";
  }
}
