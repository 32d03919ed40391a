package dev.pfsync.postgres.internal;

import dev.pfsync.core.ConcurrentRunException;
import dev.pfsync.postgres.PostgresConfig;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection an open destination works on, and the connector's lease that goes with it: taken
 * at open (after migrating the metadata schema, which holds the leases), renewed by a {@link
 * Heartbeat} and by every checkpoint, taken again whenever the connection is replaced, released at
 * {@link #close()}. Not thread-safe, like the destination.
 */
public final class Session implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  private final PostgresConfig config;
  private final Lease lease;
  private final Runnable onReplaced;
  private final Heartbeat heartbeat;
  private Connection connection;
  private ServerSettings settings;
  private boolean suspect; // a failure happened: check the connection before reusing it

  private Session(
      PostgresConfig config, Lease lease, Runnable onReplaced, Connection c, ServerSettings s) {
    this.config = config;
    this.lease = lease;
    this.onReplaced = onReplaced;
    this.connection = c;
    this.settings = s;
    this.heartbeat = new Heartbeat(config, lease);
  }

  /**
   * Connects, checks the server, migrates the metadata schema and takes the connector's lease.
   *
   * @param onReplaced called when a new connection replaces a lost one (what was cached about the
   *     database may be stale)
   * @throws ConcurrentRunException if another live owner holds the lease
   */
  public static Session open(
      PostgresConfig config, String connectorId, String owner, Runnable onReplaced) {
    Lease lease = new Lease(connectorId, Lease.CONNECTOR, owner, config.lease());
    Connection c = Connections.open(config);
    try {
      ServerSettings settings = readSettings(config, c);
      Transactions.autoCommit(
          c, "migrate schema " + Migrations.SCHEMA, x -> Migrations.migrate(config, x));
      take(c, lease);
      return new Session(config, lease, onReplaced, c, settings);
    } catch (RuntimeException e) {
      Connections.closeQuietly(c);
      throw e;
    }
  }

  /** The connector's lease, for the checkpoint fence. */
  public Lease lease() {
    return lease;
  }

  /** What the server said about itself on the current connection. */
  public ServerSettings settings() {
    return settings;
  }

  /**
   * The connection, re-established (and the lease taken again) if it was lost.
   *
   * @throws ConcurrentRunException if the heartbeat found the lease taken by another owner, or
   *     another owner holds it when a new connection takes it again
   */
  public Connection connection() {
    String lostTo = heartbeat.lostTo();
    if (lostTo != null) {
      throw new ConcurrentRunException(
          "connector " + lease.connectorId() + ": lost its lease to " + lostTo);
    }
    if (!suspect && !isClosed(connection)) {
      return connection;
    }
    suspect = false;
    if (isValid(connection)) {
      return connection;
    }
    LOG.warn("connection of connector {} was lost; reconnecting", lease.connectorId());
    Connections.closeQuietly(connection);
    onReplaced.run();
    Connection c = Connections.open(config);
    try {
      settings = readSettings(config, c);
      take(c, lease);
    } catch (RuntimeException e) {
      Connections.closeQuietly(c);
      throw e;
    }
    connection = c;
    return c;
  }

  /** Marks the connection as suspect after a failure on it: checked before its next use. */
  public void failed() {
    suspect = true;
  }

  /** Stops renewing the lease in the background, as a host that froze would (for tests). */
  public void stopHeartbeat() {
    heartbeat.close();
  }

  /** Stops the heartbeat, releases the lease (best effort: else it expires) and disconnects. */
  @Override
  public void close() {
    heartbeat.close();
    try {
      if (!isClosed(connection)) {
        Leases.release(connection, lease);
      }
    } catch (SQLException e) {
      LOG.debug("releasing the lease of connector {} failed", lease.connectorId(), e);
    }
    Connections.closeQuietly(connection);
  }

  private static void take(Connection c, Lease lease) {
    Transactions.autoCommit(
        c,
        "take the lease of connector " + lease.connectorId(),
        x -> {
          Leases.acquire(x, lease);
          return null;
        });
  }

  private static ServerSettings readSettings(PostgresConfig config, Connection c) {
    return Transactions.autoCommit(
        c, "read the server settings", x -> ServerSettings.read(x, config.jdbcUrl()));
  }

  private static boolean isClosed(Connection c) {
    try {
      return c.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  private static boolean isValid(Connection c) {
    try {
      return c.isValid(5);
    } catch (SQLException e) {
      return false;
    }
  }
}
