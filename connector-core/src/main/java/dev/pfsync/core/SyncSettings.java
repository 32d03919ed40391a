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
 */
public record SyncSettings(
    String connectorId,
    int pageSize,
    Duration recent,
    Duration window,
    HistoryStart historyStart,
    Duration maxDuration,
    Duration lookback,
    Duration settle) {
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
