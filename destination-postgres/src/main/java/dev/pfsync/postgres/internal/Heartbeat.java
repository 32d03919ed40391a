package dev.pfsync.postgres.internal;

import dev.pfsync.postgres.PostgresConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews a lease every {@link Lease#renewEvery()} on a daemon thread and a connection of its own,
 * whose short timeouts keep a dead network from holding a renewal past the lease. It stops at
 * {@link #close()}, or when it finds the lease taken by another owner: it then logs one error and
 * {@link #lostTo()} names that owner.
 */
public final class Heartbeat implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

  private final PostgresConfig config;
  private final Lease lease;
  private final int timeoutSeconds;
  private final AtomicReference<String> lostTo = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean stopped;
  private Connection connection; // only the heartbeat thread touches it

  /** Starts renewing {@code lease}, which the caller has just taken. */
  public Heartbeat(PostgresConfig config, Lease lease) {
    this.config = config;
    this.lease = lease;
    this.timeoutSeconds = (int) Math.max(1, lease.renewEvery().toSeconds());
    this.thread = new Thread(this::run, "pfsync-lease-" + lease.connectorId());
    thread.setDaemon(true);
    thread.start();
  }

  /** The owner that took the lease over, if the heartbeat found it gone. */
  public String lostTo() {
    return lostTo.get();
  }

  private void run() {
    try {
      while (!stopped && lostTo.get() == null) {
        Thread.sleep(lease.renewEvery().toMillis());
        if (!stopped) {
          beat();
        }
      }
    } catch (InterruptedException e) {
      // close(): stop
    } finally {
      Connections.closeQuietly(connection);
    }
  }

  private void beat() {
    boolean fresh = connection == null;
    try {
      if (connection == null) {
        connection = Connections.open(config, timeoutSeconds, timeoutSeconds);
      }
      renew();
    } catch (SQLException | RuntimeException e) {
      Connections.closeQuietly(connection);
      connection = null;
      if (!fresh) {
        beat(); // it died while idle (an idle timeout, a NAT): once more on a new one
        return;
      }
      // The next beat tries again; the lease lasts three beats.
      LOG.warn("connector {}: renewing its lease failed: {}", lease.connectorId(), e.getMessage());
    }
  }

  private void renew() throws SQLException {
    if (Leases.renew(connection, lease)) {
      return;
    }
    String holder =
        Leases.holder(connection, lease.connectorId(), lease.resource())
            .map(Leases.Holder::owner)
            .orElse("nobody (it was released)");
    lostTo.set(holder);
    LOG.error(
        "connector {}: lost its lease to {} (not renewed in time); its next checkpoint will fail",
        lease.connectorId(),
        holder);
  }

  /** Stops renewing (the caller then releases the lease or lets it expire). */
  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(Math.max(1_000, timeoutSeconds * 2_000L));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
