package dev.pfsync.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The knobs of Priority-First Sync. Each is validated here and the message names the setting as the
 * CLI spells it.
 *
 * @param connectorId key of this connector's state and lock
 * @param pageSize rows per page requested from the source (1..10000)
 * @param recent on first run, both cursors start at {@code now - recent}
 * @param window width of one historical slice (the seed's 1-day chunks)
 * @param historyStart how far back the backfill goes
 * @param maxDuration cap on the work of one run; a run stops at a checkpoint once it is spent
 * @param lookback how far before its cursor an incremental run starts re-reading
 * @param settle incremental runs read only rows with cursor {@code < now - settle}
 * @param maxRejected how many rejected records a run tolerates before it fails
 */
public record SyncSettings(
    String connectorId,
    int pageSize,
    Duration recent,
    Duration window,
    HistoryStart historyStart,
    Duration maxDuration,
    Duration lookback,
    Duration settle,
    RejectedLimit maxRejected) {
  public SyncSettings {
    Objects.requireNonNull(connectorId, "connector-id");
    if (connectorId.isBlank()) {
      throw new ConfigurationException("connector-id cannot be blank");
    }
    if (pageSize < 1 || pageSize > 10_000) {
      throw new ConfigurationException("page-size must be between 1 and 10000, was " + pageSize);
    }
    requirePositive("recent", recent);
    requirePositive("window", window);
    Objects.requireNonNull(historyStart, "history-start");
    requirePositive("max-duration", maxDuration);
    requireNotNegative("lookback", lookback);
    requireNotNegative("settle", settle);
    Objects.requireNonNull(maxRejected, "max-rejected");
  }

  /** Settings with the default rejected-record limit. */
  public SyncSettings(
      String connectorId,
      int pageSize,
      Duration recent,
      Duration window,
      HistoryStart historyStart,
      Duration maxDuration,
      Duration lookback,
      Duration settle) {
    this(
        connectorId,
        pageSize,
        recent,
        window,
        historyStart,
        maxDuration,
        lookback,
        settle,
        RejectedLimit.DEFAULT);
  }

  /** This connector's settings at the CLI's defaults, to change with {@code with...}. */
  public static Builder builder(String connectorId) {
    return new Builder(connectorId);
  }

  /** Builds {@link SyncSettings} from the defaults of the CLI, changing only what is named. */
  public static final class Builder {
    private final String connectorId;
    private int pageSize = 1000;
    private Duration recent = Duration.ofDays(1);
    private Duration window = Duration.ofDays(1);
    private HistoryStart historyStart = new HistoryStart.Ago(Duration.ofDays(30));
    private Duration maxDuration = Duration.ofHours(6);
    private Duration lookback = Duration.ZERO;
    private Duration settle = Duration.ofSeconds(2);
    private RejectedLimit maxRejected = RejectedLimit.DEFAULT;

    private Builder(String connectorId) {
      this.connectorId = connectorId;
    }

    public Builder pageSize(int v) {
      pageSize = v;
      return this;
    }

    public Builder recent(Duration v) {
      recent = v;
      return this;
    }

    public Builder window(Duration v) {
      window = v;
      return this;
    }

    public Builder historyStart(HistoryStart v) {
      historyStart = v;
      return this;
    }

    public Builder maxDuration(Duration v) {
      maxDuration = v;
      return this;
    }

    public Builder lookback(Duration v) {
      lookback = v;
      return this;
    }

    public Builder settle(Duration v) {
      settle = v;
      return this;
    }

    public Builder maxRejected(RejectedLimit v) {
      maxRejected = v;
      return this;
    }

    /**
     * The settings.
     *
     * @throws ConfigurationException naming the first setting out of range
     */
    public SyncSettings build() {
      return new SyncSettings(
          connectorId,
          pageSize,
          recent,
          window,
          historyStart,
          maxDuration,
          lookback,
          settle,
          maxRejected);
    }
  }

  private static void requirePositive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new ConfigurationException(name + " must be greater than 0, was " + d);
    }
  }

  private static void requireNotNegative(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new ConfigurationException(name + " cannot be negative, was " + d);
    }
  }
}
