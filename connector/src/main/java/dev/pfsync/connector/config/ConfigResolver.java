package dev.pfsync.connector.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pfsync.core.ConfigurationException;
import dev.pfsync.core.HistoryStart;
import dev.pfsync.core.RejectedLimit;
import dev.pfsync.core.SyncSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resolves the configuration from its sources, highest precedence first: command-line flags, {@code
 * --config} file, {@code PFSYNC_*} environment variables, libpq's {@code PG*} variables (database
 * only), built-in defaults. Every problem is a {@link ConfigurationException} naming the setting
 * and what it expects, never echoing the value it could not read: a secret given to the wrong flag,
 * or left unquoted in the file, must not reach a terminal or a log.
 */
public final class ConfigResolver {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> env;
  private final Clock clock;

  public ConfigResolver(Map<String, String> env, Clock clock) {
    this.env = Map.copyOf(env);
    this.clock = clock;
  }

  /** Resolves flags (unset ones absent from the map) and an optional configuration file. */
  public ConnectorConfig resolve(Map<Setting, String> flags, Optional<Path> configFile) {
    Map<Setting, String> values = layered(flags, configFile);
    return new ConnectorConfig(
        apiUrl(values.get(Setting.API_URL)),
        Optional.ofNullable(values.get(Setting.API_TOKEN)).filter(s -> !s.isEmpty()),
        new DatabaseSettings(
            jdbcUrl(values),
            values.get(Setting.DB_USER),
            Optional.ofNullable(values.get(Setting.DB_PASSWORD)).filter(s -> !s.isEmpty()),
            identifier(Setting.SCHEMA, values.get(Setting.SCHEMA)),
            lease(duration(values, Setting.LEASE))),
        new SyncSettings(
            values.get(Setting.CONNECTOR_ID),
            pageSize(values.get(Setting.PAGE_SIZE)),
            duration(values, Setting.RECENT),
            duration(values, Setting.WINDOW),
            historyStart(values.get(Setting.HISTORY_START)),
            duration(values, Setting.MAX_DURATION),
            duration(values, Setting.LOOKBACK),
            duration(values, Setting.SETTLE),
            RejectedLimit.parse(values.get(Setting.MAX_REJECTED))),
        positive(Setting.SLICE, duration(values, Setting.SLICE)),
        positive(Setting.INTERVAL, duration(values, Setting.INTERVAL)));
  }

  private Map<Setting, String> layered(Map<Setting, String> flags, Optional<Path> configFile) {
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    for (Setting s : Setting.values()) {
      s.defaultValue().ifPresent(v -> values.put(s, v));
    }
    libpq().forEach(values::put);
    for (Setting s : Setting.values()) {
      Optional.ofNullable(env.get(s.envName())).ifPresent(v -> values.put(s, v));
    }
    configFile.ifPresent(path -> values.putAll(readConfigFile(path)));
    values.putAll(flags);
    return values;
  }

  /** The database settings that libpq's environment variables imply. */
  private Map<Setting, String> libpq() {
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    String host = env.get("PGHOST");
    String port = env.get("PGPORT");
    String db = env.get("PGDATABASE");
    if (host != null || port != null || db != null) {
      String h = host == null || host.startsWith("/") ? "localhost" : host;
      values.put(
          Setting.JDBC_URL,
          "jdbc:postgresql://"
              + h
              + ":"
              + (port == null ? "5432" : port)
              + "/"
              + (db == null ? "postgres" : db));
    }
    Optional.ofNullable(env.get("PGUSER")).ifPresent(v -> values.put(Setting.DB_USER, v));
    Optional.ofNullable(env.get("PGPASSWORD")).ifPresent(v -> values.put(Setting.DB_PASSWORD, v));
    return values;
  }

  private static Map<Setting, String> readConfigFile(Path path) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(path));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ConfigurationException("config: cannot read " + path + ": no such file");
    } catch (java.nio.file.AccessDeniedException e) {
      throw new ConfigurationException("config: cannot read " + path + ": permission denied");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // Only where: Jackson's message quotes the offending token, which may be an unquoted secret.
      var at = e.getLocation();
      throw new ConfigurationException(
          "config: "
              + path
              + " is not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
              + "; values must be quoted strings or numbers");
    } catch (IOException e) {
      throw new ConfigurationException("config: cannot read " + path + ": " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ConfigurationException("config: " + path + " must hold a JSON object");
    }
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey().replace('_', '-');
      Setting setting =
          Setting.byKey(key)
              .orElseThrow(
                  () ->
                      new ConfigurationException(
                          "config: unknown key '" + field.getKey() + "' in " + path));
      JsonNode v = field.getValue();
      // null or "" means "not set here": an empty secret must not hide one from the environment.
      if (v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
        continue;
      }
      if (!v.isValueNode()) {
        throw new ConfigurationException("config: '" + field.getKey() + "' must be a string");
      }
      values.put(setting, v.asText());
    }
    return values;
  }

  private static URI apiUrl(String text) {
    try {
      URI uri = new URI(text);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new ConfigurationException("api-url: must be an http:// or https:// URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigurationException("api-url: not a URL (" + e.getReason() + ")");
    }
  }

  private static Optional<String> jdbcUrl(Map<Setting, String> values) {
    Optional<String> url = Optional.ofNullable(values.get(Setting.JDBC_URL));
    url.ifPresent(
        u -> {
          if (!u.startsWith("jdbc:postgresql:")) {
            throw new ConfigurationException("jdbc-url: must start with jdbc:postgresql:");
          }
        });
    return url;
  }

  private static String identifier(Setting setting, String value) {
    if (!IDENTIFIER.matcher(value).matches()) {
      throw new ConfigurationException(
          setting.key() + ": must be a plain identifier (letters, digits, _; at most 63)");
    }
    return value;
  }

  private static int pageSize(String text) {
    try {
      int n = Integer.parseInt(text.trim());
      if (n < 1 || n > 10_000) {
        throw new ConfigurationException("page-size must be between 1 and 10000, was " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigurationException("page-size: not a number (1..10000)");
    }
  }

  private static Duration duration(Map<Setting, String> values, Setting setting) {
    return Durations.parse(setting.key(), values.get(setting));
  }

  private static Duration lease(Duration d) {
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new ConfigurationException("lease must be at least 1s");
    }
    return d;
  }

  private static Duration positive(Setting setting, Duration d) {
    if (d.isZero()) {
      throw new ConfigurationException(setting.key() + " must be greater than 0");
    }
    return d;
  }

  private HistoryStart historyStart(String text) {
    String t = text.trim();
    if (t.isEmpty()) {
      throw new ConfigurationException("history-start cannot be empty");
    }
    HistoryStart start;
    if (t.equalsIgnoreCase("epoch")) {
      start = new HistoryStart.At(Instant.EPOCH);
    } else if (Character.isDigit(t.charAt(0)) && t.contains("-")) {
      start = new HistoryStart.At(instant(t));
    } else {
      start = new HistoryStart.Ago(Durations.parse("history-start", t));
    }
    Instant now = clock.instant();
    Instant limit;
    try {
      limit = start.resolve(now);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      throw new ConfigurationException("history-start: reaches too far back");
    }
    if (limit.isAfter(now)) {
      throw new ConfigurationException("history-start: is after now (" + now + ")");
    }
    return start;
  }

  private static Instant instant(String t) {
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        throw new ConfigurationException(
            "history-start: not an ISO instant, a date, 'epoch' or a duration (e.g. 400d)");
      }
    }
  }
}
