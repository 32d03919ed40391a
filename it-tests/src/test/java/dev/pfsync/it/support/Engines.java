package dev.pfsync.it.support;

import dev.pfsync.core.ProgressListener;
import dev.pfsync.core.SyncEngine;
import dev.pfsync.core.SyncSettings;
import dev.pfsync.core.TableBinding;
import dev.pfsync.core.http.HttpPageSource;
import dev.pfsync.core.http.HttpSourceConfig;
import dev.pfsync.postgres.PostgresDestination;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * An in-process {@link SyncEngine} wired to a {@link MockApi} over HTTP and a {@link SyncTarget}'s
 * PostgreSQL, owning both ends; close it to release the lock and the connections. Each call of
 * {@link #engine()} reuses one engine (and so one open destination, one lock).
 */
public final class Engines implements AutoCloseable {
  private final HttpPageSource source;
  private final PostgresDestination destination;
  private final SyncEngine engine;

  public Engines(
      MockApi api,
      SyncTarget target,
      List<TableBinding> tables,
      SyncSettings settings,
      Clock clock) {
    this.source = new HttpPageSource(httpConfig(api));
    this.destination = target.destination();
    this.engine =
        new SyncEngine(tables, source, destination, settings, clock, ProgressListener.none());
  }

  /** Quick retries (a test should not wait 30 s on a backoff), otherwise the defaults. */
  public static HttpSourceConfig httpConfig(MockApi api) {
    return HttpSourceConfig.defaults(api.baseUri())
        .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30));
  }

  public SyncEngine engine() {
    return engine;
  }

  public PostgresDestination destination() {
    return destination;
  }

  @Override
  public void close() {
    try {
      source.close();
    } finally {
      destination.close();
    }
  }
}
