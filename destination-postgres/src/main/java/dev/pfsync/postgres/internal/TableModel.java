package dev.pfsync.postgres.internal;

import dev.pfsync.core.Column;
import dev.pfsync.core.TableSchema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A data table as it exists in the destination: its declared schema and its current data columns
 * (destination name to {@code pg_type.typname}, in table order, system columns excluded).
 */
public record TableModel(
    String schema, String table, TableSchema declared, Map<String, String> columns) {

  public static final String SYNCED_AT = "_pfsync_synced_at";
  public static final String DELETED = "_pfsync_deleted";

  public TableModel {
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
  }

  /** The destination table name of a declared table. */
  public static String tableName(TableSchema declared) {
    return Identifiers.snakeCase(declared.name());
  }

  /** {@code "schema"."table"}, quoted. */
  public String qualifiedName() {
    return Identifiers.qualified(schema, table);
  }

  /** {@code schema.table} for messages. */
  public String displayName() {
    return schema + "." + table;
  }

  public List<String> keyColumns() {
    return declared.primaryKey().stream().map(Identifiers::snakeCase).toList();
  }

  public String cursorColumn() {
    return Identifiers.snakeCase(declared.cursorColumn());
  }

  /** The destination column of a declared column. */
  public static String columnName(Column column) {
    return Identifiers.snakeCase(column.name());
  }

  /** A copy with one more column. */
  public TableModel withColumn(String column, String typname) {
    Map<String, String> more = new LinkedHashMap<>(columns);
    more.put(column, typname);
    return new TableModel(schema, table, declared, more);
  }

  public boolean isSystemColumn(String column) {
    return column.equals(SYNCED_AT) || column.equals(DELETED) || column.equals(UpsertSql.SEQ);
  }
}
