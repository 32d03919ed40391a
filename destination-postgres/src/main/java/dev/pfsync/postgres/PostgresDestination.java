package dev.pfsync.postgres;

import dev.pfsync.core.Checkpoint;
import dev.pfsync.core.ConcurrentRunException;
import dev.pfsync.core.ConfigurationException;
import dev.pfsync.core.Destination;
import dev.pfsync.core.DestinationException;
import dev.pfsync.core.RejectedRecord;
import dev.pfsync.core.Row;
import dev.pfsync.core.RowStream;
import dev.pfsync.core.RunStatus;
import dev.pfsync.core.SyncMode;
import dev.pfsync.core.TableChanges;
import dev.pfsync.core.TableSchema;
import dev.pfsync.postgres.internal.CheckpointPrelude;
import dev.pfsync.postgres.internal.DdlLock;
import dev.pfsync.postgres.internal.Identifiers;
import dev.pfsync.postgres.internal.Maintenance;
import dev.pfsync.postgres.internal.OwnerId;
import dev.pfsync.postgres.internal.RunLog;
import dev.pfsync.postgres.internal.Session;
import dev.pfsync.postgres.internal.SqlErrors;
import dev.pfsync.postgres.internal.SqlWork;
import dev.pfsync.postgres.internal.StateStore;
import dev.pfsync.postgres.internal.TableDdl;
import dev.pfsync.postgres.internal.TableModel;
import dev.pfsync.postgres.internal.TableWriter;
import dev.pfsync.postgres.internal.Transactions;
import dev.pfsync.postgres.internal.WriteResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL {@link dev.pfsync.core.Destination}: data tables in {@link
 * PostgresConfig#schema()}, state and runs in {@code _pfsync} (migrated by Flyway), each checkpoint
 * applied as one transaction, one run per connector id at a time (a lease in {@code _pfsync.leases}
 * held from {@link #open} to {@link #close}, which every checkpoint checks and renews). Not
 * thread-safe: one instance serves one sync at a time.
 *
 * <p>{@link #readState}, {@link #reset} and {@link #check} work without {@link #open} on short
 * connections of their own.
 */
public final class PostgresDestination implements Destination {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresDestination.class);

  private final PostgresConfig config;
  private final Map<String, TableWriter> writers = new LinkedHashMap<>();
  private final String owner = OwnerId.create(); // of this instance's leases
  private Duration validateAfterIdle = Session.VALIDATE_AFTER_IDLE;
  private Session session;
  private String connectorId;
  private Long runId;

  public PostgresDestination(PostgresConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public Optional<String> open(String connectorId, List<TableSchema> tables) {
    if (session != null) {
      throw new IllegalStateException("already open for connector " + this.connectorId);
    }
    requireConnectorId(connectorId);
    // The lease comes before the tables: a second opener must fail before it changes them.
    Session opening =
        Session.open(config, connectorId, owner, validateAfterIdle, this::invalidateWriters);
    try {
      Connection c = opening.connection();
      Map<String, TableWriter> opened = prepareTables(c, tables);
      Optional<String> state =
          Transactions.autoCommit(
              c, "read state of connector " + connectorId, x -> StateStore.read(x, connectorId));
      int abandoned =
          Transactions.autoCommit(
              c, "close abandoned runs", x -> RunLog.closeAbandoned(x, connectorId));
      if (abandoned > 0) {
        LOG.warn(
            "connector {}: {} earlier run(s) ended without finishing (killed?); marked abandoned",
            connectorId,
            abandoned);
      }
      writers.putAll(opened);
      this.session = opening;
      this.connectorId = connectorId;
      return state;
    } catch (RuntimeException e) {
      opening.close(); // also releases the lease
      throw e;
    }
  }

  @Override
  public Optional<String> schema() {
    return Optional.of(config.schema());
  }

  @Override
  public void startRun(SyncMode mode) {
    runId =
        session()
            .small(
                "start a run of connector " + connectorId, x -> RunLog.start(x, connectorId, mode));
  }

  @Override
  public void apply(Checkpoint checkpoint) {
    inCheckpoint(
        x -> {
          long deleted = 0;
          long rows = 0;
          for (TableChanges changes : checkpoint.changes()) {
            rows += changes.rows().size();
            deleted += changes.rows().stream().filter(Row::deleted).count();
          }
          // One table likely to take the fast path: its savepoint rides with the bookkeeping.
          boolean savepoint =
              checkpoint.changes().size() == 1
                  && writer(checkpoint.changes().get(0)).fastPathLikely(rows);
          CheckpointPrelude.run(
              x,
              connectorId,
              checkpoint.stateJson(),
              runId,
              rows - deleted,
              deleted,
              checkpoint.rejected().size(),
              savepoint,
              session.lease());
          WriteResult total = WriteResult.NONE;
          for (TableChanges changes : checkpoint.changes()) {
            total = total.plus(write(x, changes, savepoint));
          }
          return total;
        });
  }

  /**
   * Streams one table's rows into the database as they are read (see {@link TableWriter#write(
   * Connection, RowStream)}), then writes the state and counts of {@code after}, in one
   * transaction.
   */
  @Override
  public void apply(
      String table, RowStream rows, Function<List<RejectedRecord>, Checkpoint> after) {
    TableWriter writer = writer(table);
    inCheckpoint(
        x -> {
          WriteResult total = written(writer, () -> writer.write(x, rows));
          Checkpoint end = after.apply(List.of());
          for (TableChanges changes : end.changes()) {
            total = total.plus(write(x, changes, false));
          }
          CheckpointPrelude.runAndCommit(
              x,
              connectorId,
              end.stateJson(),
              runId,
              total.upserted(),
              total.deleted(),
              end.rejected().size(),
              session.lease());
          return total;
        });
  }

  /**
   * Runs one checkpoint's transaction. A {@link dev.pfsync.core.DestinationUnavailableException} is
   * not retried here (the rows were a stream): the engine reloads the state and does it again.
   */
  private void inCheckpoint(SqlWork<WriteResult> work) {
    try {
      session().checkpoint("apply checkpoint of connector " + connectorId, work);
    } catch (RuntimeException e) {
      // The rollback may have undone DDL (new columns): re-read on next use.
      invalidateWriters();
      throw e;
    }
  }

  /** Reads the state on the open connection, or on a new one (the lease taken again). */
  @Override
  public Optional<String> reloadState() {
    return session()
        .small("read state of connector " + connectorId, x -> StateStore.read(x, connectorId));
  }

  @Override
  public void finishRun(RunStatus status, Optional<String> message) {
    if (runId == null) {
      LOG.warn("finishRun({}) without a started run of connector {}", status, connectorId);
      return;
    }
    long id = runId;
    session()
        .small(
            "finish run " + id + " of connector " + connectorId,
            x -> {
              RunLog.finish(x, id, status, message);
              return null;
            });
    runId = null;
  }

  @Override
  public void close() {
    if (session == null) {
      return;
    }
    session.close();
    session = null;
    writers.clear();
    runId = null;
  }

  /**
   * The destination column (or table) name of a source name: {@code updatedAt -> updated_at}. Not
   * quoted; see {@link #quoted}.
   */
  public static String columnName(String sourceName) {
    return Identifiers.snakeCase(sourceName);
  }

  /** An identifier quoted for SQL, the way this destination quotes every name. */
  public static String quoted(String identifier) {
    return Identifiers.quote(identifier);
  }

  /**
   * Row counts and the cursor range of a declared table, without taking the lease; an absent table
   * holds nothing.
   */
  public TableStats tableStats(TableSchema table) {
    return Maintenance.tableStats(config, table);
  }

  /** The stored state of a connector, without taking its lease (works while a sync runs). */
  public Optional<String> readState(String connectorId) {
    requireConnectorId(connectorId);
    return Maintenance.readState(config, connectorId);
  }

  /**
   * Forgets a connector's state so its next sync starts over; with {@code dropTables}, also drops
   * the data tables of {@code tables}. Takes the connector's lease for the duration.
   *
   * @throws ConcurrentRunException if a run of this connector holds the lease
   */
  public void reset(String connectorId, boolean dropTables, List<TableSchema> tables) {
    requireConnectorId(connectorId);
    Maintenance.reset(config, connectorId, dropTables, tables);
  }

  /**
   * Checks that the database is reachable with these credentials and that the user may create the
   * data and metadata schemas (tried in a transaction that is rolled back).
   *
   * @throws ConfigurationException if the login or database is wrong
   * @throws DestinationException if a privilege is missing
   * @throws dev.pfsync.core.RetriableException if the server cannot be reached
   */
  public void check() {
    Maintenance.check(config);
  }

  private Map<String, TableWriter> prepareTables(Connection c, List<TableSchema> tables) {
    Map<String, TableWriter> out = new LinkedHashMap<>();
    Transactions.inTransaction(
        c,
        "create tables in schema " + config.schema(),
        x -> {
          DdlLock.take(x);
          TableDdl.createSchema(x, config.schema());
          for (TableSchema table : tables) {
            TableModel model = TableDdl.ensure(x, config.schema(), table);
            if (out.values().stream().anyMatch(w -> w.table().equals(model.table()))) {
              throw new DestinationException("two declared tables map to " + model.displayName());
            }
            out.put(table.name(), new TableWriter(model, "_pfsync_stage_" + out.size()));
          }
          return null;
        });
    return out;
  }

  private TableWriter writer(TableChanges changes) {
    return writer(changes.table());
  }

  private TableWriter writer(String table) {
    TableWriter writer = writers.get(table);
    if (writer == null) {
      throw new DestinationException(
          "table "
              + table
              + " was not declared when connector "
              + connectorId
              + " opened the destination");
    }
    return writer;
  }

  private WriteResult write(Connection c, TableChanges changes, boolean savepointTaken) {
    TableWriter writer = writer(changes);
    return written(writer, () -> writer.write(c, changes.rows(), savepointTaken));
  }

  private WriteResult written(TableWriter writer, SqlWrite write) {
    try {
      WriteResult result = write.run();
      if (result.nulsStripped() > 0) {
        LOG.warn(
            "table {}: stripped {} NUL characters (PostgreSQL text cannot hold them)",
            writer.displayName(),
            result.nulsStripped());
      }
      return result;
    } catch (SQLException e) {
      throw SqlErrors.translate("apply to table " + writer.displayName(), e);
    }
  }

  private interface SqlWrite {
    WriteResult run() throws SQLException;
  }

  private Session session() {
    if (session == null) {
      throw new IllegalStateException("destination is not open");
    }
    return session;
  }

  /**
   * Tests: how long the connection may idle before it is checked ({@link
   * Session#VALIDATE_AFTER_IDLE}); takes effect at the next open.
   */
  void validateAfterIdle(Duration idle) {
    this.validateAfterIdle = idle;
  }

  /** Tests: stops renewing the lease in the background, as a frozen or cut-off host would. */
  void stopHeartbeat() {
    session.stopHeartbeat();
  }

  private void invalidateWriters() {
    writers.values().forEach(TableWriter::invalidate);
  }

  private static void requireConnectorId(String connectorId) {
    if (connectorId == null || connectorId.isBlank()) {
      throw new ConfigurationException("connectorId cannot be blank");
    }
  }
}
