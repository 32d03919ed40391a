package dev.pfsync.postgres.internal;

import dev.pfsync.core.ConfigurationException;
import dev.pfsync.core.DestinationException;
import dev.pfsync.core.RetriableException;
import dev.pfsync.core.SyncException;
import java.sql.SQLException;
import java.util.Set;

/** Turns a {@link SQLException} into the pfsync exception that tells the caller what to do. */
public final class SqlErrors {
  private static final Set<String> RETRIABLE =
      Set.of("40001", "40P01", "57P01", "57P02", "57P03", "55P03", "53300");

  private SqlErrors() {}

  /** Transient SQLStates: connection loss (08*), serialization failure, deadlock, shutdown. */
  public static boolean isRetriable(String sqlState) {
    return sqlState != null && (sqlState.startsWith("08") || RETRIABLE.contains(sqlState));
  }

  /**
   * Translates with a message naming what was being done ({@code "apply to pfsync.user"}) and
   * keeping the SQLState. Login failures (28*) and a missing database (3D000) are configuration
   * errors.
   */
  public static SyncException translate(String doing, SQLException e) {
    String state = e.getSQLState();
    String message = doing + " failed: " + e.getMessage() + " (SQLState " + state + ")";
    if (isRetriable(state)) {
      return new RetriableException(message, e);
    }
    if (state != null && (state.startsWith("28") || state.equals("3D000"))) {
      return new ConfigurationException(message, e);
    }
    return new DestinationException(message, e);
  }
}
