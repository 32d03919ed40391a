package dev.pfsync.postgres.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Serializes pfsync's table DDL across processes (first-time opens of several connectors racing on
 * {@code CREATE SCHEMA}): a transaction-scoped advisory lock, released at the end of the DDL
 * transaction. A session lock would leak through a transaction pooler onto a server connection that
 * another client uses next.
 */
public final class DdlLock {
  /** The first 8 bytes of SHA-256 of a fixed text: stable across versions and processes. */
  static final long KEY = key("_pfsync:ddl");

  private DdlLock() {}

  /** Waits for the lock inside the caller's transaction (held briefly by others: DDL only). */
  public static void take(Connection c) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      st.setLong(1, KEY);
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
