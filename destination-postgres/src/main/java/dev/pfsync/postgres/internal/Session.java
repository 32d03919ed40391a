package dev.pfsync.postgres.internal;

import dev.pfsync.core.ConcurrentRunException;
import dev.pfsync.core.DestinationUnavailableException;
import dev.pfsync.postgres.PostgresConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection an open destination works on, and the connector's lease that goes with it: taken
 * at open (after migrating the metadata schema, which holds the leases), renewed by a {@link
 * Heartbeat} and by every checkpoint, released at {@link #close()}.
 *
 * <p>A connection that failed with {@link DestinationUnavailableException}, or that the server
 * ended meanwhile, is never used again: the next use opens a new one and takes the lease again. One
 * that sat idle for a while is checked first with a bounded wait, since a NAT or firewall may have
 * dropped it without a word (a query on it would wait for the socket timeout). Not thread-safe,
 * like the destination.
 */
public final class Session implements AutoCloseable {
  /** Idle time after which a connection is checked before use. */
  public static final Duration VALIDATE_AFTER_IDLE = Duration.ofSeconds(10);

  private static final int RELEASE_TIMEOUT_SECONDS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  private final PostgresConfig config;
  private final Lease lease;
  private final Duration validateAfterIdle;
  private final Runnable onReplaced;
  private final Heartbeat heartbeat;
  private Connection connection;
  private ServerSettings settings;
  private long lastUsed = System.nanoTime();
  private boolean broken; // failed as unavailable: never used again
  private boolean suspect; // another failure: checked before its next use

  private Session(
      PostgresConfig config,
      Lease lease,
      Duration validateAfterIdle,
      Runnable onReplaced,
      Connection c,
      ServerSettings s) {
    this.config = config;
    this.lease = lease;
    this.validateAfterIdle = validateAfterIdle;
    this.onReplaced = onReplaced;
    this.connection = c;
    this.settings = s;
    this.heartbeat = new Heartbeat(config, lease);
  }

  /**
   * Connects, checks the server, migrates the metadata schema and takes the connector's lease.
   *
   * @param validateAfterIdle idle time after which the connection is checked before use
   * @param onReplaced called when a new connection replaces a lost one (what was cached about the
   *     database may be stale)
   * @throws ConcurrentRunException if another live owner holds the lease
   */
  public static Session open(
      PostgresConfig config,
      String connectorId,
      String owner,
      Duration validateAfterIdle,
      Runnable onReplaced) {
    Lease lease = new Lease(connectorId, Lease.CONNECTOR, owner, config.lease());
    Connection c = Connections.open(config);
    try {
      ServerSettings settings = readSettings(config, c);
      Transactions.autoCommit(
          c, "migrate schema " + Migrations.SCHEMA, x -> Migrations.migrate(config, x));
      take(c, lease);
      return new Session(config, lease, validateAfterIdle, onReplaced, c, settings);
    } catch (RuntimeException e) {
      Connections.closeQuietly(c);
      throw e;
    }
  }

  /** The connector's lease, for the checkpoint fence. */
  public Lease lease() {
    return lease;
  }

  /**
   * One of the destination's own small operations (start or finish a run, read the state), in
   * auto-commit mode; retried once on a new connection if the connection turns out to be dead.
   */
  public <T> T small(String doing, SqlWork<T> work) {
    try {
      return use(c -> Transactions.autoCommit(c, doing, work));
    } catch (DestinationUnavailableException e) {
      LOG.info("{} failed on a lost connection; once more on a new one: {}", doing, e.getMessage());
      return use(c -> Transactions.autoCommit(c, doing, work));
    }
  }

  /**
   * A checkpoint's transaction, with the server's timeouts off for it. Never retried here (its rows
   * are a stream): after a {@link DestinationUnavailableException} the caller reloads the state.
   */
  public <T> T checkpoint(String doing, SqlWork<T> work) {
    ServerSettings server = settings;
    return use(
        c ->
            Transactions.inTransaction(
                c,
                doing,
                x -> {
                  server.disableTimeouts(x);
                  return work.run(x);
                }));
  }

  private <T> T use(Function<Connection, T> operation) {
    Connection c = connection();
    try {
      return operation.apply(c);
    } catch (DestinationUnavailableException e) {
      broken = true;
      throw e;
    } catch (RuntimeException e) {
      suspect = true;
      throw e;
    } finally {
      lastUsed = System.nanoTime();
    }
  }

  /**
   * The connection, replaced (and the lease taken again) if it failed as unavailable, is closed, or
   * does not answer after idling.
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
    Optional<String> lost = lost();
    if (lost.isEmpty()) {
      return connection;
    }
    LOG.info("connector {}: replacing its connection ({})", lease.connectorId(), lost.get());
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
    broken = false;
    suspect = false;
    lastUsed = System.nanoTime();
    return c;
  }

  /** Why the connection must be replaced, or empty if it can be used. */
  private Optional<String> lost() {
    if (broken) {
      return Optional.of("it failed");
    }
    boolean idle = System.nanoTime() - lastUsed > validateAfterIdle.toNanos();
    boolean probe = suspect || idle;
    suspect = false;
    return ConnectionCheck.lost(connection, probe);
  }

  /** Tests: stops renewing the lease in the background, as a frozen host would. */
  public void stopHeartbeat() {
    heartbeat.close();
  }

  /**
   * Stops the heartbeat, releases the lease (on a new short-lived connection if this one is lost;
   * if that fails too, the lease expires) and disconnects.
   */
  @Override
  public void close() {
    heartbeat.close();
    Connection c = lost().isEmpty() ? connection : null;
    try {
      if (c == null) {
        c = Connections.open(config, RELEASE_TIMEOUT_SECONDS, RELEASE_TIMEOUT_SECONDS);
      }
      Leases.release(c, lease);
    } catch (SQLException | RuntimeException e) {
      LOG.debug("releasing the lease of connector {} failed", lease.connectorId(), e);
    } finally {
      Connections.closeQuietly(c);
      Connections.closeQuietly(connection);
    }
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
}
