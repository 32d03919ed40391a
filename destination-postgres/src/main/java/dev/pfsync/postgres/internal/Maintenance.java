package dev.pfsync.postgres.internal;

import dev.pfsync.core.TableSchema;
import dev.pfsync.postgres.PostgresConfig;
import dev.pfsync.postgres.TableStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The destination's operations outside a run (stats, state, reset, check), each on a short
 * connection of its own, so they work while a sync holds the connector's lease (reset excepted).
 */
public final class Maintenance {
  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

  private Maintenance() {}

  /** Row counts and cursor range of a declared table; an absent table holds nothing. */
  public static TableStats tableStats(PostgresConfig config, TableSchema table) {
    return tableStats(config, table, TableStats.COUNT_LIMIT);
  }

  /**
   * Row counts and cursor range, counted exactly if that takes at most {@code limit}; else the
   * planner's estimate of the rows ({@link TableStats#exact()} false). Counting scans the whole
   * table, so without a limit every run's summary would cost time in proportion to the table.
   */
  public static TableStats tableStats(PostgresConfig config, TableSchema table, Duration limit) {
    String name = TableModel.tableName(table);
    String qualified = Identifiers.qualified(config.schema(), name);
    String cursor = Identifiers.quote(Identifiers.snakeCase(table.cursorColumn()));
    String sql =
        "SELECT count(*), count(*) FILTER (WHERE "
            + Identifiers.quote(TableModel.DELETED)
            + "), min("
            + cursor
            + "), max("
            + cursor
            + ") FROM "
            + qualified;
    String doing = "read stats of " + config.schema() + "." + name;
    try (Connection c = Connections.open(config)) {
      if (TableDdl.columns(c, config.schema(), name).isEmpty()) {
        return new TableStats(0, 0, Optional.empty(), Optional.empty(), true);
      }
      try {
        return exactStats(c, sql, limit);
      } catch (SQLException e) {
        if (!QUERY_CANCELED.equals(e.getSQLState())) {
          throw SqlErrors.translate(doing, e);
        }
      }
      try (PreparedStatement st =
          c.prepareStatement(
              "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = ?::regclass")) {
        st.setString(1, qualified);
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          return new TableStats(rs.getLong(1), 0, Optional.empty(), Optional.empty(), false);
        }
      } catch (SQLException e) {
        throw SqlErrors.translate(doing, e);
      }
    } catch (SQLException e) {
      throw SqlErrors.translate("close connection", e);
    }
  }

  private static final String QUERY_CANCELED = "57014";

  private static TableStats exactStats(Connection c, String sql, Duration limit)
      throws SQLException {
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.execute("SET LOCAL statement_timeout = " + Math.max(1, limit.toMillis()));
      try (ResultSet rs = st.executeQuery(sql)) {
        rs.next();
        return new TableStats(
            rs.getLong(1),
            rs.getLong(2),
            Optional.ofNullable(rs.getObject(3, OffsetDateTime.class))
                .map(OffsetDateTime::toInstant),
            Optional.ofNullable(rs.getObject(4, OffsetDateTime.class))
                .map(OffsetDateTime::toInstant),
            true);
      }
    } finally {
      c.rollback(); // read only: nothing to keep, and the timeout ends with the transaction
      c.setAutoCommit(true);
    }
  }

  /** The stored state of a connector, without its lock. */
  public static Optional<String> readState(PostgresConfig config, String connectorId) {
    try (Connection c = Connections.open(config)) {
      return Transactions.autoCommit(
          c, "read state of connector " + connectorId, x -> StateStore.read(x, connectorId));
    } catch (SQLException e) {
      throw SqlErrors.translate("close connection", e);
    }
  }

  /**
   * Forgets a connector's state (and drops its tables if asked), holding its lease meanwhile. A
   * database never migrated to leases has no run of this version to wait for.
   */
  public static void reset(
      PostgresConfig config, String connectorId, boolean dropTables, List<TableSchema> tables) {
    Lease lease = new Lease(connectorId, Lease.CONNECTOR, OwnerId.create(), config.lease());
    try (Connection c = Connections.open(config)) {
      boolean leased =
          Transactions.autoCommit(
              c,
              "take the lease of connector " + connectorId,
              x -> {
                if (!Leases.tableExists(x)) {
                  return false;
                }
                Leases.acquire(x, lease);
                return true;
              });
      try {
        resetLeased(c, config, connectorId, dropTables, tables);
      } finally {
        if (leased) {
          Transactions.autoCommit(
              c,
              "release the lease of connector " + connectorId,
              x -> {
                Leases.release(x, lease);
                return null;
              });
        }
      }
      LOG.info("reset connector {} (tables dropped: {})", connectorId, dropTables);
    } catch (SQLException e) {
      throw SqlErrors.translate("close connection", e);
    }
  }

  private static void resetLeased(
      Connection c,
      PostgresConfig config,
      String connectorId,
      boolean dropTables,
      List<TableSchema> tables) {
    Transactions.inTransaction(
        c,
        "reset connector " + connectorId,
        x -> {
          StateStore.delete(x, connectorId);
          if (dropTables) {
            for (TableSchema table : tables) {
              TableDdl.drop(x, config.schema(), table);
            }
          }
          return null;
        });
  }

  /** Connects and checks the user may create the data and metadata schemas (rolled back). */
  public static void check(PostgresConfig config) {
    try (Connection c = Connections.open(config)) {
      DatabaseCheck.run(c, config.schema(), Migrations.SCHEMA);
    } catch (SQLException e) {
      throw SqlErrors.translate("check database as user " + config.user(), e);
    }
  }
}
