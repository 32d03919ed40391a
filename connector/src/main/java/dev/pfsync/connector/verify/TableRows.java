package dev.pfsync.connector.verify;

import dev.pfsync.core.Column;
import dev.pfsync.core.ColumnType;
import dev.pfsync.core.TableBinding;
import dev.pfsync.postgres.PostgresDestination;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The destination table in key order, one canonical row at a time. */
final class TableRows implements AutoCloseable {
  private final Statement statement;
  private final ResultSet rs;
  private final List<Column> columns;
  private final int keyIndex;
  private final boolean autoCommit;
  private final Connection db;

  private TableRows(
      Connection db, boolean autoCommit, Statement statement, ResultSet rs, TableBinding b) {
    this.db = db;
    this.autoCommit = autoCommit;
    this.statement = statement;
    this.rs = rs;
    this.columns = b.schema().columns();
    this.keyIndex = columns.indexOf(b.schema().column(b.keyField()).orElseThrow());
  }

  static TableRows open(Connection db, String schema, TableBinding binding) {
    List<Column> columns = binding.schema().columns();
    String key = PostgresDestination.quoted(PostgresDestination.columnName(binding.keyField()));
    String sql =
        "SELECT "
            + columns.stream()
                .map(c -> PostgresDestination.quoted(PostgresDestination.columnName(c.name())))
                .collect(Collectors.joining(", "))
            + ", \"_pfsync_deleted\" FROM "
            + PostgresDestination.quoted(schema)
            + "."
            + PostgresDestination.quoted(PostgresDestination.columnName(binding.table()))
            + " ORDER BY "
            + key
            + (binding.keyType() == ColumnType.STRING ? " COLLATE \"C\"" : "");
    try {
      boolean autoCommit = db.getAutoCommit();
      db.setAutoCommit(false); // a cursor, so the table streams instead of loading whole
      Statement st = db.createStatement();
      st.setFetchSize(5_000);
      return new TableRows(db, autoCommit, st, st.executeQuery(sql), binding);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "reading " + schema + "." + binding.table() + ": " + e.getMessage(), e);
    }
  }

  CanonicalRow next() {
    try {
      if (!rs.next()) {
        return null;
      }
      List<String> values = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        values.add(canonical(columns.get(i).type(), rs, i + 1));
      }
      values.add(Boolean.toString(rs.getBoolean(columns.size() + 1)));
      return new CanonicalRow(values.get(keyIndex), String.join("|", values));
    } catch (SQLException e) {
      throw new IllegalStateException("reading the destination: " + e.getMessage(), e);
    }
  }

  private static String canonical(ColumnType type, ResultSet rs, int i) throws SQLException {
    if (type == ColumnType.UTC_DATETIME) {
      OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
      return t == null ? "null" : t.toInstant().toString();
    }
    String s = rs.getString(i);
    return s == null ? "null" : s;
  }

  @Override
  public void close() {
    try {
      rs.close();
      statement.close();
      db.rollback();
      db.setAutoCommit(autoCommit);
    } catch (SQLException ignored) {
      // Read-only work; nothing to undo.
    }
  }
}
