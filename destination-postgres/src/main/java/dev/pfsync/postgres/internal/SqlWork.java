package dev.pfsync.postgres.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on a connection inside {@link Transactions#inTransaction}. */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
