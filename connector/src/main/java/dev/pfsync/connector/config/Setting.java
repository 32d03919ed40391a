package dev.pfsync.connector.config;

import java.util.Locale;
import java.util.Optional;

/**
 * The settings of the CLI's flag table (docs/CONTRACTS.md): each is a flag ({@code --page-size}), a
 * key of {@code configuration.json} (the same name without dashes: {@code page-size}) and an
 * environment variable ({@code PFSYNC_PAGE_SIZE}).
 */
public enum Setting {
  API_URL("api-url", "http://127.0.0.1:5001", false),
  API_TOKEN("api-token", null, true),
  JDBC_URL("jdbc-url", null, false),
  DB_USER("db-user", "postgres", false),
  DB_PASSWORD("db-password", null, true),
  SCHEMA("schema", "pfsync_users", false),
  CONNECTOR_ID("connector-id", "users", false),
  PAGE_SIZE("page-size", "1000", false),
  WINDOW("window", "1d", false),
  RECENT("recent", "1d", false),
  HISTORY_START("history-start", "30d", false),
  MAX_DURATION("max-duration", "6h", false),
  LOOKBACK("lookback", "0s", false),
  SETTLE("settle", "2s", false),
  SLICE("slice", "10s", false),
  INTERVAL("interval", "30s", false),
  MAX_REJECTED("max-rejected", "5%", false),
  LEASE("lease", "30s", false);

  private final String key;
  private final String defaultValue;
  private final boolean secret;

  Setting(String key, String defaultValue, boolean secret) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.secret = secret;
  }

  /** The flag name without dashes, also the configuration.json key. */
  public String key() {
    return key;
  }

  /** The environment variable: {@code PFSYNC_} and the key in upper snake case. */
  public String envName() {
    return "PFSYNC_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** The built-in default, if any. */
  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /** Whether the value must never be printed. */
  public boolean secret() {
    return secret;
  }

  /** The setting with this key, if any. */
  public static Optional<Setting> byKey(String key) {
    for (Setting s : values()) {
      if (s.key.equals(key)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
