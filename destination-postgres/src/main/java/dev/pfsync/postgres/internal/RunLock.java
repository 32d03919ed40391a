package dev.pfsync.postgres.internal;

import dev.pfsync.core.ConcurrentRunException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The per-connector run lock: a session-level PostgreSQL advisory lock whose 64-bit key is derived
 * from the connector id (first 8 bytes of SHA-256 of {@code "pfsync:" + id}), stable across
 * versions and processes. Held by the session, so it dies with the connection.
 */
public final class RunLock {
  /** Serializes pfsync's own migrations and DDL across processes. */
  public static final long DDL_KEY = key("_pfsync:ddl");

  private RunLock() {}

  /** The advisory lock key of a connector id. */
  public static long keyOf(String connectorId) {
    return key("pfsync:" + connectorId);
  }

  /**
   * Takes the connector's lock on {@code connection} without waiting.
   *
   * @throws ConcurrentRunException if another session holds it
   */
  public static void acquire(Connection connection, String connectorId) throws SQLException {
    try (PreparedStatement st = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      st.setLong(1, keyOf(connectorId));
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        if (!rs.getBoolean(1)) {
          throw new ConcurrentRunException(
              "connector '"
                  + connectorId
                  + "' is already running (advisory lock held by another session)");
        }
      }
    }
  }

  /** Releases the connector's lock held by this session. */
  public static void release(Connection connection, String connectorId) throws SQLException {
    unlock(connection, keyOf(connectorId));
  }

  /** Waits for the DDL lock (held only for migrations and table DDL, so briefly). */
  public static void lockDdl(Connection connection) throws SQLException {
    try (PreparedStatement st = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
      st.setLong(1, DDL_KEY);
      st.execute();
    }
  }

  public static void unlockDdl(Connection connection) throws SQLException {
    unlock(connection, DDL_KEY);
  }

  private static void unlock(Connection connection, long key) throws SQLException {
    try (PreparedStatement st = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      st.setLong(1, key);
      st.execute();
    }
  }

  private static long key(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
