package dev.pfsync.postgres.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** The one transaction template: begin, run, commit; on any failure roll back and translate. */
public final class Transactions {
  private Transactions() {}

  /**
   * Runs {@code work} as one transaction on {@code connection} and leaves the connection in
   * auto-commit mode. A {@link SQLException} becomes a {@link dev.pfsync.core.SyncException} whose
   * message starts with {@code doing}; other exceptions roll back and pass through unchanged.
   */
  public static <T> T inTransaction(Connection connection, String doing, SqlWork<T> work) {
    try {
      connection.setAutoCommit(false);
      T result = work.run(connection);
      connection.commit();
      connection.setAutoCommit(true);
      return result;
    } catch (SQLException e) {
      rollback(connection, e);
      throw SqlErrors.translate(doing, e);
    } catch (RuntimeException | Error e) {
      rollback(connection, e);
      throw e;
    }
  }

  /** Runs {@code work} in auto-commit mode, translating failures like {@link #inTransaction}. */
  public static <T> T autoCommit(Connection connection, String doing, SqlWork<T> work) {
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw SqlErrors.translate(doing, e);
    }
  }

  private static void rollback(Connection connection, Throwable failure) {
    try {
      if (!connection.isClosed()) {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
