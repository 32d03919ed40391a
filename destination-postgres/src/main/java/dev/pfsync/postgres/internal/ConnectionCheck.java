package dev.pfsync.postgres.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.PGConnection;

/**
 * Why a connection can no longer be used: checked before each use, with a round trip only if asked.
 */
final class ConnectionCheck {
  private static final int VALIDATE_SECONDS = 3;

  private ConnectionCheck() {}

  /**
   * Empty if {@code c} looks usable; else why not.
   *
   * @param probe also ask the server, waiting at most a few seconds (a connection a NAT dropped
   *     without a word would otherwise hold the next query until the socket timeout)
   */
  static Optional<String> lost(Connection c, boolean probe) {
    try {
      if (c.isClosed()) {
        return Optional.of("it is closed");
      }
      Optional<String> ended = endedByServer(c);
      if (ended.isPresent() || !probe) {
        return ended;
      }
      return c.isValid(VALIDATE_SECONDS)
          ? Optional.empty()
          : Optional.of("no answer within " + VALIDATE_SECONDS + "s");
    } catch (SQLException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Whether the server ended the session (pg_terminate_backend, idle_session_timeout, a shutdown):
   * it sends a FATAL error first, which then waits unread on the socket. pgjdbc's check for pending
   * notifications reads what has already arrived (no round trip) and throws on such an error.
   */
  private static Optional<String> endedByServer(Connection c) {
    try {
      c.unwrap(PGConnection.class).getNotifications();
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(e.getMessage());
    }
  }
}
