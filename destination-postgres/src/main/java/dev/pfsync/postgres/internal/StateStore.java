package dev.pfsync.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The {@code _pfsync.state} table: one JSON state per connector id. */
public final class StateStore {
  private StateStore() {}

  /** The stored state, or empty if none (or if the metadata schema was never migrated). */
  public static Optional<String> read(Connection c, String connectorId) throws SQLException {
    if (!metadataExists(c)) {
      return Optional.empty();
    }
    try (PreparedStatement st =
        c.prepareStatement("SELECT state::text FROM _pfsync.state WHERE connector_id = ?")) {
      st.setString(1, connectorId);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** Inserts or replaces the state; the JSON travels as a parameter and is checked as jsonb. */
  public static void write(Connection c, String connectorId, String stateJson) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO _pfsync.state (connector_id, state, updated_at)"
                + " VALUES (?, ?::jsonb, now())"
                + " ON CONFLICT (connector_id) DO UPDATE"
                + " SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at")) {
      st.setString(1, connectorId);
      st.setString(2, stateJson);
      st.executeUpdate();
    }
  }

  /** Forgets the state; returns whether there was one. */
  public static boolean delete(Connection c, String connectorId) throws SQLException {
    if (!metadataExists(c)) {
      return false;
    }
    try (PreparedStatement st =
        c.prepareStatement("DELETE FROM _pfsync.state WHERE connector_id = ?")) {
      st.setString(1, connectorId);
      return st.executeUpdate() > 0;
    }
  }

  private static boolean metadataExists(Connection c) throws SQLException {
    try (PreparedStatement st =
            c.prepareStatement("SELECT to_regclass('_pfsync.state') IS NOT NULL");
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getBoolean(1);
    }
  }
}
