package dev.pfsync.postgres.internal;

import dev.pfsync.core.DestinationException;
import dev.pfsync.core.Row;
import dev.pfsync.core.RowStream;
import dev.pfsync.core.TableSchema;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes the rows of one table within the caller's transaction. New fields first become columns.
 * Then, while the table's recent batches were all new keys, the rows are COPYed straight into the
 * table under a savepoint (the fast path); a unique violation rolls back to the savepoint and the
 * batch takes the general path: COPY into a temporary staging table and upsert from there, newer
 * versions only. Not thread-safe; one per table and connection.
 */
public final class TableWriter {
  private static final int FLUSH_CHARS = 1 << 16;
  // Smaller while streaming: the database starts on a page's first rows sooner.
  private static final int STREAM_FLUSH_BYTES = 1 << 14;
  private static final int MAX_BACKOFF = 1024;
  private static final String UNIQUE_VIOLATION = "23505";

  private final String schema;
  private final TableSchema declared;
  private final String stage;
  private final String displayName;
  private final Map<String, String> declaredColumns = new LinkedHashMap<>();
  private TableModel model;
  private UpsertSql sql;
  private int skipFastPath; // batches to write the general way before trying the fast path again
  private int backoff = 1;

  /**
   * @param model the table as {@link TableDdl#ensure} left it
   * @param stage a name for this writer's staging table, unique on the connection
   */
  public TableWriter(TableModel model, String stage) {
    this.schema = model.schema();
    this.declared = model.declared();
    this.model = model;
    this.stage = stage;
    this.displayName = model.displayName();
    declared.columns().forEach(c -> declaredColumns.put(c.name(), TableModel.columnName(c)));
  }

  /** {@code schema.table}, for messages. */
  public String displayName() {
    return displayName;
  }

  /** The destination table name. */
  public String table() {
    return TableModel.tableName(declared);
  }

  /**
   * Forgets what this writer knows of the database (after a rollback undid DDL): the next write
   * re-reads the table.
   */
  public void invalidate() {
    model = null;
    sql = null;
  }

  /** Writes {@code rows} in the caller's open transaction. */
  public WriteResult write(Connection c, List<Row> rows) throws SQLException {
    return write(c, rows, false);
  }

  /**
   * Whether a batch of {@code rows} would now be tried on the fast path (if its keys are unique):
   * the caller may then take {@link CheckpointPrelude#SAVEPOINT} for it in advance.
   */
  public boolean fastPathLikely(long rows) {
    return rows > 0 && skipFastPath == 0;
  }

  /**
   * Writes {@code rows} in the caller's open transaction.
   *
   * @param savepointTaken whether the caller took {@link CheckpointPrelude#SAVEPOINT} just before
   *     (with nothing written since), which the fast path then rolls back to on a conflict
   */
  public WriteResult write(Connection c, List<Row> rows, boolean savepointTaken)
      throws SQLException {
    return write(c, rows, savepointTaken, true);
  }

  private WriteResult write(
      Connection c, List<Row> rows, boolean savepointTaken, boolean fastPathAllowed)
      throws SQLException {
    if (rows.isEmpty()) {
      return WriteResult.NONE;
    }
    boolean ddl = model == null;
    if (model == null) {
      model = TableDdl.ensure(c, schema, declared);
    }
    TableModel before = model;
    Map<String, String> fieldColumns = mapFields(c, rows);
    // DDL after the savepoint would be undone by a rollback to it: take a fresh one then.
    boolean useTakenSavepoint = savepointTaken && !ddl && model == before;
    List<String> columns = new ArrayList<>(model.columns().keySet());
    if (sql == null) {
      sql = UpsertSql.of(model, columns, stage);
    }
    String[] fieldOf = new String[columns.size()];
    fieldColumns.forEach((field, column) -> fieldOf[columns.indexOf(column)] = field);
    int[] keyIndexes = model.keyColumns().stream().mapToInt(columns::indexOf).toArray();
    boolean unique = keysUnique(rows, fieldOf, keyIndexes);
    long deleted = rows.stream().filter(Row::deleted).count();

    if (unique && skipFastPath == 0 && fastPathAllowed) {
      Savepoint savepoint = useTakenSavepoint ? null : c.setSavepoint();
      try {
        long nuls = copy(c, sql.copyTarget(), rows, fieldOf, keyIndexes, false);
        backoff = 1;
        return new WriteResult(rows.size() - deleted, deleted, nuls);
      } catch (SQLException e) {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
        if (savepoint == null) {
          try (Statement st = c.createStatement()) {
            st.execute("ROLLBACK TO SAVEPOINT " + CheckpointPrelude.SAVEPOINT);
          }
        } else {
          c.rollback(savepoint);
        }
        fastPathFailed();
      }
    } else if (skipFastPath > 0 && fastPathAllowed) {
      skipFastPath--;
    }

    // Per transaction, dropped at commit: behind a pooler the next one may be on another session.
    try (Statement st = c.createStatement()) {
      st.execute(sql.createStage());
    }
    long nuls = copy(c, sql.copyStage(), rows, fieldOf, keyIndexes, true);
    // Always de-duplicate here: keys distinct in Java can be equal in PostgreSQL (NUL stripped,
    // 1.0 vs 1.00, byte[]), and ON CONFLICT cannot touch one row twice in a statement.
    try (PreparedStatement st = c.prepareStatement(sql.upsertDistinct())) {
      st.executeUpdate();
    }
    return new WriteResult(rows.size() - deleted, deleted, nuls);
  }

  /** After a conflict on the fast path: take the general path for a while, longer each time. */
  private void fastPathFailed() {
    skipFastPath = backoff;
    backoff = Math.min(backoff * 2, MAX_BACKOFF);
  }

  /**
   * Writes the rows {@code rows} yields as the FIRST work of the caller's transaction, sending each
   * to the database as soon as it is read while the fast path is likely: COPY straight into the
   * table, rows that fit the table as it is and whose keys repeat nowhere in the batch. A row that
   * needs more (a new or wider column, a repeated or missing key) or a unique violation rolls the
   * transaction back (it held only this COPY), and the whole batch, kept in memory meanwhile, is
   * written in a new one as {@link #write(Connection, List)} would. Otherwise the batch is read
   * whole first.
   */
  public WriteResult write(Connection c, RowStream rows) throws SQLException {
    List<Row> batch = new ArrayList<>();
    Optional<StreamedBatch> fastPath =
        model == null || skipFastPath > 0 ? Optional.empty() : StreamedBatch.of(this, model);
    if (fastPath.isEmpty()) {
      return write(c, readAll(rows, batch), false);
    }
    StreamedBatch streamed = fastPath.get();
    if (sql == null) {
      sql = UpsertSql.of(model, streamed.columns(), stage);
    }
    Row row = rows.next();
    if (row == null) {
      return WriteResult.NONE;
    }
    CopyIn copyIn = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql.copyTargetBinary());
    boolean fits = true;
    try {
      for (; row != null; row = rows.next()) {
        batch.add(row);
        if (!streamed.add(row)) {
          fits = false;
          break;
        }
        if (streamed.buffered() >= STREAM_FLUSH_BYTES) {
          streamed.sendTo(copyIn, false);
        }
      }
      if (fits) {
        streamed.sendTo(copyIn, true);
        copyIn.endCopy();
        backoff = 1;
        return new WriteResult(
            streamed.rows() - streamed.deleted(), streamed.deleted(), streamed.nulsStripped());
      }
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      fastPathFailed();
    } finally {
      if (copyIn.isActive()) {
        cancelQuietly(copyIn);
      }
    }
    // This COPY was the transaction's only work: rolling it all back costs no savepoint.
    c.rollback();
    if (!fits) {
      readAll(rows, batch); // the rows after the one that did not fit
    }
    return write(c, batch, false, fits);
  }

  private static List<Row> readAll(RowStream rows, List<Row> into) {
    for (Row row = rows.next(); row != null; row = rows.next()) {
      into.add(row);
    }
    return into;
  }

  private static void cancelQuietly(CopyIn copyIn) {
    try {
      copyIn.cancelCopy();
    } catch (SQLException e) {
      // Expected: cancelling makes the server answer with an error. The caller rolls back.
    }
  }

  /** Where each field goes for the streaming path, or -1 if it has no column. */
  int columnIndex(String field, List<String> columns) {
    String column = declaredColumns.getOrDefault(field, Identifiers.snakeCase(field));
    return columns.indexOf(column);
  }

  /** Whether a column was declared (its values are typed by the schema, never widened). */
  boolean isDeclaredColumn(String column) {
    return declaredColumns.containsValue(column);
  }

  /** Maps each field of the batch to its column, adding columns for fields not seen before. */
  private Map<String, String> mapFields(Connection c, List<Row> rows) throws SQLException {
    Map<String, String> fieldColumns = new LinkedHashMap<>();
    Map<String, PgType> newColumns = new LinkedHashMap<>();
    Map<String, String> columnField = new LinkedHashMap<>();
    Map<String, PgType> widenings = new LinkedHashMap<>();
    for (Row row : rows) {
      for (Map.Entry<String, Object> e : row.values().entrySet()) {
        String field = e.getKey();
        String column = fieldColumns.get(field);
        if (column == null) {
          column = declaredColumns.getOrDefault(field, Identifiers.snakeCase(field));
          String other = columnField.putIfAbsent(column, field);
          if (other != null && !other.equals(field)) {
            throw new DestinationException(
                "table "
                    + displayName
                    + ": fields "
                    + other
                    + " and "
                    + field
                    + " both map to column "
                    + column);
          }
          fieldColumns.put(field, column);
        }
        if (e.getValue() == null) {
          continue;
        }
        if (!model.columns().containsKey(column)) {
          PgType type = PgType.inferFrom(e.getValue()).orElseThrow(() -> noType(field, e));
          newColumns.merge(column, type, PgType::merge);
        } else if (!declaredColumns.containsValue(column)) {
          // An added column whose type was inferred from earlier batches: widen it if needed.
          PgType type = PgType.inferFrom(e.getValue()).orElseThrow(() -> noType(field, e));
          String stored = model.columns().get(column);
          Optional<PgType> existing = PgType.ofTypname(stored);
          if (existing.isPresent()) {
            PgType merged = widenings.getOrDefault(column, existing.get()).merge(type);
            if (!merged.typname().equals(stored)) {
              widenings.put(column, merged);
            }
          }
        }
      }
    }
    for (Map.Entry<String, PgType> e : widenings.entrySet()) {
      model = TableDdl.widenColumn(c, model, e.getKey(), e.getValue());
      sql = null;
    }
    for (Map.Entry<String, PgType> e : newColumns.entrySet()) {
      model = TableDdl.addColumn(c, model, e.getKey(), e.getValue());
      sql = null; // the statements and the staging table must gain the column too
    }
    // Fields whose column does not exist held only NULLs: nothing to store yet.
    fieldColumns.values().removeIf(column -> !model.columns().containsKey(column));
    return fieldColumns;
  }

  private DestinationException noType(String field, Map.Entry<String, Object> e) {
    return new DestinationException(
        "table "
            + displayName
            + ": cannot infer a column type for field "
            + field
            + " from a value of Java type "
            + e.getValue().getClass().getName());
  }

  /** Whether no two rows share a key (also fails fast on a row without its key). */
  private boolean keysUnique(List<Row> rows, String[] fieldOf, int[] keyIndexes) {
    Set<Object> keys = new HashSet<>(rows.size() * 2);
    boolean unique = true;
    for (Row row : rows) {
      Object key;
      if (keyIndexes.length == 1) {
        key = keyValue(row, fieldOf, keyIndexes[0]);
      } else {
        List<Object> parts = new ArrayList<>(keyIndexes.length);
        for (int k : keyIndexes) {
          parts.add(keyValue(row, fieldOf, k));
        }
        key = parts;
      }
      // byte[] keys compare by identity here: a duplicate then shows as a unique violation.
      unique &= keys.add(key);
    }
    return unique;
  }

  private Object keyValue(Row row, String[] fieldOf, int index) {
    Object value = fieldOf[index] == null ? null : row.get(fieldOf[index]);
    if (value == null) {
      throw new DestinationException(
          "table "
              + displayName
              + ": row without a value for key column "
              + new ArrayList<>(model.columns().keySet()).get(index));
    }
    return value;
  }

  private long copy(
      Connection c,
      String copySql,
      List<Row> rows,
      String[] fieldOf,
      int[] keyIndexes,
      boolean withSeq)
      throws SQLException {
    StringBuilder buffer = new StringBuilder(FLUSH_CHARS + 4096);
    CopyText text = new CopyText(buffer);
    CopyIn copyIn = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    try {
      long seq = 0;
      for (Row row : rows) {
        for (String field : fieldOf) {
          text.field(field == null ? null : row.get(field));
        }
        text.field(row.deleted());
        if (withSeq) {
          text.field(seq++);
        }
        text.endRow();
        if (buffer.length() >= FLUSH_CHARS) {
          flush(copyIn, buffer);
        }
      }
      flush(copyIn, buffer);
      copyIn.endCopy();
    } finally {
      if (copyIn.isActive()) {
        copyIn.cancelCopy();
      }
    }
    return text.nulsStripped();
  }

  private static void flush(CopyIn copyIn, StringBuilder buffer) throws SQLException {
    if (buffer.length() > 0) {
      byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
      copyIn.writeToCopy(bytes, 0, bytes.length);
      buffer.setLength(0);
    }
  }
}
