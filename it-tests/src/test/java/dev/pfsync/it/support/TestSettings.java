package dev.pfsync.it.support;

import dev.pfsync.core.HistoryStart;
import dev.pfsync.core.SyncSettings;
import java.time.Duration;

/**
 * Builds {@link SyncSettings} from the CLI's defaults (page 1000, recent 1d, window 1d, history
 * 30d, max-duration 6h, lookback 0s, settle 2s), changing only what a test names.
 */
public final class TestSettings {
  private final String connectorId;
  private int pageSize = 1000;
  private Duration recent = Duration.ofDays(1);
  private Duration window = Duration.ofDays(1);
  private HistoryStart historyStart = new HistoryStart.Ago(Duration.ofDays(30));
  private Duration maxDuration = Duration.ofHours(6);
  private Duration lookback = Duration.ZERO;
  private Duration settle = Duration.ofSeconds(2);

  private TestSettings(String connectorId) {
    this.connectorId = connectorId;
  }

  public static TestSettings of(String connectorId) {
    return new TestSettings(connectorId);
  }

  public TestSettings pageSize(int v) {
    pageSize = v;
    return this;
  }

  public TestSettings recent(Duration v) {
    recent = v;
    return this;
  }

  public TestSettings window(Duration v) {
    window = v;
    return this;
  }

  public TestSettings historyStart(HistoryStart v) {
    historyStart = v;
    return this;
  }

  public TestSettings maxDuration(Duration v) {
    maxDuration = v;
    return this;
  }

  public TestSettings lookback(Duration v) {
    lookback = v;
    return this;
  }

  public TestSettings settle(Duration v) {
    settle = v;
    return this;
  }

  public SyncSettings build() {
    return new SyncSettings(
        connectorId, pageSize, recent, window, historyStart, maxDuration, lookback, settle);
  }
}
