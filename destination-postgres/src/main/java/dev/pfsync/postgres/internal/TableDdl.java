package dev.pfsync.postgres.internal;

import dev.pfsync.core.Column;
import dev.pfsync.core.DestinationException;
import dev.pfsync.core.TableSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates and evolves data tables from declared schemas; reads their columns from the catalog. */
public final class TableDdl {
  private static final Logger LOG = LoggerFactory.getLogger(TableDdl.class);

  private TableDdl() {}

  public static void createSchema(Connection c, String schema) throws SQLException {
    execute(c, "CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema));
  }

  /**
   * Creates the table of {@code declared} in {@code schema}, or adds its missing declared columns.
   *
   * @throws DestinationException naming schema, table and column if an existing column's type
   *     conflicts with the declared one
   */
  public static TableModel ensure(Connection c, String schema, TableSchema declared)
      throws SQLException {
    String table = TableModel.tableName(declared);
    checkNames(declared);
    Map<String, String> existing = columns(c, schema, table);
    TableModel model = new TableModel(schema, table, declared, Map.of());
    if (existing.isEmpty()) {
      execute(c, createTable(model));
      LOG.info("created table {}", model.displayName());
      return reload(c, model);
    }
    for (Column column : declared.columns()) {
      String name = TableModel.columnName(column);
      PgType type = PgType.of(column.type());
      String actual = existing.get(name);
      if (actual == null) {
        addColumn(c, model, name, type);
      } else if (!actual.equals(type.typname())) {
        throw new DestinationException(
            "column "
                + schema
                + "."
                + table
                + "."
                + name
                + " has type "
                + actual
                + " but the schema declares "
                + column.type()
                + " ("
                + type.sql()
                + "); migrate or drop the column");
      }
    }
    if (!existing.containsKey(TableModel.SYNCED_AT)) {
      execute(c, alter(model, TableModel.SYNCED_AT, "timestamptz NOT NULL DEFAULT now()"));
    } else {
      execute(
          c,
          "ALTER TABLE "
              + model.qualifiedName()
              + " ALTER COLUMN "
              + Identifiers.quote(TableModel.SYNCED_AT)
              + " SET DEFAULT now()");
    }
    if (!existing.containsKey(TableModel.DELETED)) {
      execute(c, alter(model, TableModel.DELETED, "boolean NOT NULL DEFAULT false"));
    }
    return reload(c, model);
  }

  private static TableModel reload(Connection c, TableModel model) throws SQLException {
    Map<String, String> all = columns(c, model.schema(), model.table());
    all.remove(TableModel.SYNCED_AT);
    all.remove(TableModel.DELETED);
    return new TableModel(model.schema(), model.table(), model.declared(), all);
  }

  /** Adds a column (for a declared column missing from an existing table, or an extra field). */
  public static TableModel addColumn(Connection c, TableModel model, String column, PgType type)
      throws SQLException {
    if (model.isSystemColumn(column)) {
      throw new DestinationException(
          "table " + model.displayName() + ": field name collides with system column " + column);
    }
    execute(c, alter(model, column, type.sql()));
    LOG.info("added column {}.{} {}", model.displayName(), column, type.sql());
    return model.withColumn(column, type.typname());
  }

  /** The table's columns (name to typname) in order; empty if it does not exist. */
  public static Map<String, String> columns(Connection c, String schema, String table)
      throws SQLException {
    String sql =
        "SELECT a.attname, t.typname FROM pg_attribute a"
            + " JOIN pg_class r ON r.oid = a.attrelid"
            + " JOIN pg_namespace n ON n.oid = r.relnamespace"
            + " JOIN pg_type t ON t.oid = a.atttypid"
            + " WHERE n.nspname = ? AND r.relname = ? AND a.attnum > 0 AND NOT a.attisdropped"
            + " ORDER BY a.attnum";
    Map<String, String> out = new LinkedHashMap<>();
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, schema);
      st.setString(2, table);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return out;
  }

  public static void drop(Connection c, String schema, TableSchema declared) throws SQLException {
    execute(
        c, "DROP TABLE IF EXISTS " + Identifiers.qualified(schema, TableModel.tableName(declared)));
  }

  private static String createTable(TableModel model) {
    StringJoiner cols = new StringJoiner(", ");
    for (Column column : model.declared().columns()) {
      cols.add(
          Identifiers.quote(TableModel.columnName(column)) + " " + PgType.of(column.type()).sql());
    }
    // The default serves the COPY fast path of TableWriter, which leaves the column out.
    cols.add(Identifiers.quote(TableModel.SYNCED_AT) + " timestamptz NOT NULL DEFAULT now()");
    cols.add(Identifiers.quote(TableModel.DELETED) + " boolean NOT NULL DEFAULT false");
    cols.add("PRIMARY KEY (" + quotedList(model.keyColumns()) + ")");
    return "CREATE TABLE " + model.qualifiedName() + " (" + cols + ")";
  }

  private static void checkNames(TableSchema declared) {
    Map<String, String> seen = new LinkedHashMap<>();
    for (Column column : declared.columns()) {
      String name = TableModel.columnName(column);
      Identifiers.quote(name); // validates length and characters
      String before = seen.put(name, column.name());
      if (before != null) {
        throw new DestinationException(
            "table "
                + declared.name()
                + ": fields "
                + before
                + " and "
                + column.name()
                + " both map to column "
                + name);
      }
      // The prefix of pfsync's own columns: rows would be rejected for it (RowCheck).
      if (name.startsWith("_pfsync_")) {
        throw new DestinationException(
            "table "
                + declared.name()
                + ": field "
                + column.name()
                + " collides with a system column (names starting with _pfsync_ are reserved)");
      }
    }
  }

  static String quotedList(List<String> names) {
    StringJoiner out = new StringJoiner(", ");
    names.forEach(n -> out.add(Identifiers.quote(n)));
    return out.toString();
  }

  /**
   * Widens an added (undeclared) column so that it also holds a value of another type: integers to
   * bigint, anything else to text (existing values keep their text form).
   */
  public static TableModel widenColumn(Connection c, TableModel model, String column, PgType type)
      throws SQLException {
    execute(
        c,
        "ALTER TABLE "
            + model.qualifiedName()
            + " ALTER COLUMN "
            + Identifiers.quote(column)
            + " TYPE "
            + type.sql()
            + " USING "
            + Identifiers.quote(column)
            + "::"
            + type.sql());
    LOG.info("widened column {}.{} to {}", model.displayName(), column, type.sql());
    return model.withColumn(column, type.typname());
  }

  private static String alter(TableModel model, String column, String definition) {
    return "ALTER TABLE "
        + model.qualifiedName()
        + " ADD COLUMN "
        + Identifiers.quote(column)
        + " "
        + definition;
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
