package dev.pfsync.postgres.internal;

import dev.pfsync.core.ConcurrentRunException;
import dev.pfsync.core.ConfigurationException;
import dev.pfsync.core.DestinationException;
import dev.pfsync.core.DestinationUnavailableException;
import dev.pfsync.core.RetriableException;
import dev.pfsync.core.SyncException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;
import org.postgresql.util.PSQLException;

/** Turns a {@link SQLException} into the pfsync exception that tells the caller what to do. */
public final class SqlErrors {
  /**
   * The connection is gone (admin shutdown, crash shutdown, cannot connect now, database dropped,
   * idle session timeout) or the transaction lost a race (serialization failure, deadlock).
   */
  private static final Set<String> UNAVAILABLE =
      Set.of("40001", "40P01", "57P01", "57P02", "57P03", "57P04", "57P05");

  /** Transient, but the connection is fine: lock not available, too many connections. */
  private static final Set<String> RETRIABLE = Set.of("55P03", "53300");

  private static final String READ_ONLY_TRANSACTION = "25006";

  /** Raised by the checkpoint fence ({@code _pfsync.renew_lease}): another owner took the lease. */
  private static final String LEASE_LOST = "PF001";

  private SqlErrors() {}

  /**
   * Whether the connection that raised {@code e} must not be used again: connection loss (08*, an
   * I/O failure), a server shutdown or timeout of the session (57P0*), serialization failure or
   * deadlock.
   */
  public static boolean isUnavailable(SQLException e) {
    String state = e.getSQLState();
    if (state != null) {
      return state.startsWith("08") || UNAVAILABLE.contains(state);
    }
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Translates with a message naming what was being done ({@code "apply to pfsync.user"}) and
   * keeping the SQLState. Login failures (28*), a missing database (3D000) and a write refused as
   * read-only (25006: a standby, or default_transaction_read_only) are configuration errors.
   */
  public static SyncException translate(String doing, SQLException e) {
    String state = e.getSQLState();
    String message = doing + " failed: " + e.getMessage() + " (SQLState " + state + ")";
    if (LEASE_LOST.equals(state)) {
      return new ConcurrentRunException(serverMessage(e));
    }
    if (isUnavailable(e)) {
      return new DestinationUnavailableException(message, e);
    }
    if (RETRIABLE.contains(state)) {
      return new RetriableException(message, e);
    }
    if (state != null
        && (state.startsWith("28")
            || state.equals("3D000")
            || state.equals(READ_ONLY_TRANSACTION))) {
      return new ConfigurationException(message, e);
    }
    return new DestinationException(message, e);
  }

  /** The server's message alone, without pgjdbc's "ERROR: " and context lines. */
  private static String serverMessage(SQLException e) {
    if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
      return p.getServerErrorMessage().getMessage();
    }
    return e.getMessage();
  }
}
