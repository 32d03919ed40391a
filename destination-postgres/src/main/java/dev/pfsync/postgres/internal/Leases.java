package dev.pfsync.postgres.internal;

import dev.pfsync.core.ConcurrentRunException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of {@code _pfsync.leases}: take, renew, release, and who holds one until when. Each
 * operation is one short transaction of its own on the caller's connection (auto-commit on entry
 * and exit), so it works through a transaction pooler.
 */
public final class Leases {
  private static final Logger LOG = LoggerFactory.getLogger(Leases.class);

  /**
   * How long an operation waits for the lease row while another transaction holds it (a checkpoint
   * renewing it): past that, its holder is taken to be alive.
   */
  private static final String LOCK_WAIT = "SET LOCAL lock_timeout = '2s'";

  private static final String LOCK_NOT_AVAILABLE = "55P03";

  private static final String ACQUIRE =
      "INSERT INTO _pfsync.leases AS l"
          + " (connector_id, resource, owner, acquired_at, heartbeat_at, expires_at)"
          + " VALUES (?, ?, ?, clock_timestamp(), clock_timestamp(),"
          + " clock_timestamp() + ? * interval '1 millisecond')"
          + " ON CONFLICT (connector_id, resource) DO UPDATE SET owner = EXCLUDED.owner,"
          + " acquired_at = CASE WHEN l.owner = EXCLUDED.owner THEN l.acquired_at"
          + " ELSE EXCLUDED.acquired_at END,"
          + " heartbeat_at = EXCLUDED.heartbeat_at, expires_at = EXCLUDED.expires_at"
          + " WHERE l.owner = EXCLUDED.owner OR l.expires_at < clock_timestamp() OR l.owner = ?"
          + " RETURNING 1";

  private static final String RENEW =
      "UPDATE _pfsync.leases SET heartbeat_at = clock_timestamp(),"
          + " expires_at = clock_timestamp() + ? * interval '1 millisecond'"
          + " WHERE connector_id = ? AND resource = ? AND owner = ?";

  /** The fence of a checkpoint: see {@code V3__leases.sql}. Fails the transaction (PF001). */
  static final String FENCE = "SELECT _pfsync.renew_lease(?, ?, ?, ?)";

  /** Who holds a lease, and until when (the database's clock). */
  public record Holder(String owner, Instant expiresAt) {}

  private Leases() {}

  /**
   * Takes {@code lease} if it is free, expired or already its owner's; a lease whose owner is a
   * process of this machine that no longer runs ({@link OwnerId#isGone}) is taken over at once.
   *
   * @throws ConcurrentRunException naming the live holder and when its lease expires
   */
  public static void acquire(Connection c, Lease lease) throws SQLException {
    Optional<Holder> holder = tryAcquire(c, lease, null);
    if (holder.isPresent() && OwnerId.isGone(holder.get().owner())) {
      LOG.info(
          "connector {}: taking over the lease of {}, a process of this host that has ended",
          lease.connectorId(),
          holder.get().owner());
      holder = tryAcquire(c, lease, holder.get().owner());
    }
    if (holder.isPresent()) {
      throw new ConcurrentRunException(
          "connector '"
              + lease.connectorId()
              + "' is already running (lease held by "
              + holder.get().owner()
              + " until "
              + holder.get().expiresAt()
              + ")");
    }
  }

  /** Empty when taken; else the holder that keeps it. */
  private static Optional<Holder> tryAcquire(Connection c, Lease lease, String takeOver)
      throws SQLException {
    boolean taken;
    c.setAutoCommit(false);
    try (Statement lockWait = c.createStatement();
        PreparedStatement st = c.prepareStatement(ACQUIRE)) {
      lockWait.execute(LOCK_WAIT);
      st.setString(1, lease.connectorId());
      st.setString(2, lease.resource());
      st.setString(3, lease.owner());
      st.setLong(4, lease.duration().toMillis());
      st.setString(5, takeOver);
      try (ResultSet rs = st.executeQuery()) {
        taken = rs.next();
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
        throw e;
      }
      taken = false; // a live transaction holds the row: its lease is being renewed
    } finally {
      c.setAutoCommit(true);
    }
    if (taken) {
      return Optional.empty();
    }
    // Released in between: nobody holds it now, so try again.
    Optional<Holder> holder = holder(c, lease.connectorId(), lease.resource());
    return holder.isPresent() ? holder : tryAcquire(c, lease, takeOver);
  }

  /** Extends {@code lease} from now; false if it is not its owner's any more. */
  public static boolean renew(Connection c, Lease lease) throws SQLException {
    c.setAutoCommit(false);
    try (Statement lockWait = c.createStatement();
        PreparedStatement st = c.prepareStatement(RENEW)) {
      lockWait.execute(LOCK_WAIT);
      st.setLong(1, lease.duration().toMillis());
      st.setString(2, lease.connectorId());
      st.setString(3, lease.resource());
      st.setString(4, lease.owner());
      boolean renewed = st.executeUpdate() == 1;
      c.commit();
      return renewed;
    } catch (SQLException e) {
      c.rollback();
      if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
        return true; // the owner's own checkpoint holds the row, and renews it at its commit
      }
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** Gives {@code lease} up if its owner still holds it. */
  public static void release(Connection c, Lease lease) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "DELETE FROM _pfsync.leases WHERE connector_id = ? AND resource = ? AND owner = ?")) {
      st.setString(1, lease.connectorId());
      st.setString(2, lease.resource());
      st.setString(3, lease.owner());
      st.executeUpdate();
    }
  }

  /** Who holds a resource of a connector, whether expired or not; empty if nobody. */
  public static Optional<Holder> holder(Connection c, String connectorId, String resource)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT owner, expires_at FROM _pfsync.leases"
                + " WHERE connector_id = ? AND resource = ?")) {
      st.setString(1, connectorId);
      st.setString(2, resource);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new Holder(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
            : Optional.empty();
      }
    }
  }

  /** Whether the metadata schema has the leases table yet (reset may run before any migration). */
  public static boolean tableExists(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT to_regclass('_pfsync.leases') IS NOT NULL")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }
}
