package dev.pfsync.connector.cli;

import dev.pfsync.connector.config.Setting;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The flags every command accepts (docs/CONTRACTS.md, "The CLI"), so one configuration serves all
 * commands. Fields stay null unless given, so lower-precedence sources can fill them.
 */
public final class CommonOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "configuration.json to read")
  Path config;

  @Option(
      names = "--api-url",
      paramLabel = "URL",
      description = "source API (default: http://127.0.0.1:5001)")
  String apiUrl;

  @Option(names = "--api-token", paramLabel = "TOKEN", description = "bearer token (never printed)")
  String apiToken;

  @Option(
      names = "--jdbc-url",
      paramLabel = "URL",
      description =
          "destination (default: from PGHOST/PGPORT/PGDATABASE, else"
              + " jdbc:postgresql://localhost:5432/postgres, else an embedded PostgreSQL)")
  String jdbcUrl;

  @Option(
      names = "--db-user",
      paramLabel = "USER",
      description = "database user (default: PGUSER, else postgres)")
  String dbUser;

  @Option(
      names = "--db-password",
      paramLabel = "PASSWORD",
      description = "database password (default: PGPASSWORD; never printed)")
  String dbPassword;

  @Option(
      names = "--schema",
      paramLabel = "NAME",
      description = "schema of the data tables (default: pfsync_users)")
  String schema;

  @Option(
      names = "--connector-id",
      paramLabel = "ID",
      description = "key of the state row and lock (default: users)")
  String connectorId;

  @Option(
      names = "--page-size",
      paramLabel = "N",
      description = "rows per page, 1..10000 (default: 1000)")
  String pageSize;

  @Option(
      names = "--window",
      paramLabel = "DURATION",
      description = "historical slice width (default: 1d)")
  String window;

  @Option(
      names = "--recent",
      paramLabel = "DURATION",
      description = "first run starts at now - recent (default: 1d)")
  String recent;

  @Option(
      names = "--history-start",
      paramLabel = "WHEN",
      description = "backfill limit: ISO instant, 'epoch', or a duration before now (default: 30d)")
  String historyStart;

  @Option(
      names = "--max-duration",
      paramLabel = "DURATION",
      description = "cap on one run (default: 6h)")
  String maxDuration;

  @Option(
      names = "--lookback",
      paramLabel = "DURATION",
      description = "incremental re-reads this much before its cursor (default: 0s)")
  String lookback;

  @Option(
      names = "--settle",
      paramLabel = "DURATION",
      description = "incremental reads rows older than now - settle (default: 2s)")
  String settle;

  @Option(
      names = "--slice",
      paramLabel = "DURATION",
      description =
          "with --until-complete: historical work between incremental runs (default: 10s)")
  String slice;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      description = "with sync --follow: time between incremental runs (default: 30s)")
  String interval;

  @Option(
      names = "--max-rejected",
      paramLabel = "LIMIT",
      description =
          "a run fails once more than this share of its records (after 100), or this count, is"
              + " rejected: 5%% or 50 (default: 5%%)")
  String maxRejected;

  @Option(
      names = "--lease",
      paramLabel = "DURATION",
      description =
          "how long the connector's lease outlives a process that stopped renewing it (default:"
              + " 30s)")
  String lease;

  @Option(
      names = {"-v", "--verbose"},
      description = "log details")
  boolean verbose;

  /** The flags that were given. */
  Map<Setting, String> flags() {
    Map<Setting, String> m = new EnumMap<>(Setting.class);
    put(m, Setting.API_URL, apiUrl);
    put(m, Setting.API_TOKEN, apiToken);
    put(m, Setting.JDBC_URL, jdbcUrl);
    put(m, Setting.DB_USER, dbUser);
    put(m, Setting.DB_PASSWORD, dbPassword);
    put(m, Setting.SCHEMA, schema);
    put(m, Setting.CONNECTOR_ID, connectorId);
    put(m, Setting.PAGE_SIZE, pageSize);
    put(m, Setting.WINDOW, window);
    put(m, Setting.RECENT, recent);
    put(m, Setting.HISTORY_START, historyStart);
    put(m, Setting.MAX_DURATION, maxDuration);
    put(m, Setting.LOOKBACK, lookback);
    put(m, Setting.SETTLE, settle);
    put(m, Setting.SLICE, slice);
    put(m, Setting.INTERVAL, interval);
    put(m, Setting.MAX_REJECTED, maxRejected);
    put(m, Setting.LEASE, lease);
    return m;
  }

  Optional<Path> configFile() {
    return Optional.ofNullable(config);
  }

  private static void put(Map<Setting, String> m, Setting s, String v) {
    if (v != null) {
      m.put(s, v);
    }
  }
}
