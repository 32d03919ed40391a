package dev.pfsync.core;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything connector-core needs to sync one keyset-paged endpoint into one table. A new connector
 * is mostly one of these.
 *
 * @param schema the destination table; its primary key is {@code keyField}, its cursor column is
 *     {@code cursorField}
 * @param endpoint path of the endpoint, e.g. {@code /v1/users}
 * @param keyField the unique key field, the keyset's tie-breaker (STRING, INT or LONG)
 * @param cursorField the field rows are ordered by, e.g. {@code updatedAt}
 * @param cursorFormat how the source writes the cursor field
 * @param params query parameter names
 * @param deletedField a field whose non-null value marks a tombstone, if the source has one
 */
public record TableBinding(
    TableSchema schema,
    String endpoint,
    String keyField,
    String cursorField,
    CursorFormat cursorFormat,
    QueryParams params,
    Optional<String> deletedField) {
  public TableBinding {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(keyField, "keyField");
    Objects.requireNonNull(cursorField, "cursorField");
    Objects.requireNonNull(cursorFormat, "cursorFormat");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(deletedField, "deletedField");
    if (!endpoint.startsWith("/")) {
      throw new IllegalArgumentException("endpoint must start with '/': " + endpoint);
    }
    if (!schema.primaryKey().equals(java.util.List.of(keyField))) {
      throw new IllegalArgumentException(
          "table " + schema.name() + ": primary key must be the keyField " + keyField);
    }
    if (!schema.cursorColumn().equals(cursorField)) {
      throw new IllegalArgumentException(
          "table " + schema.name() + ": cursorColumn must be the cursorField " + cursorField);
    }
    ColumnType keyType = schema.column(keyField).orElseThrow().type();
    if (keyType != ColumnType.STRING && keyType != ColumnType.INT && keyType != ColumnType.LONG) {
      throw new IllegalArgumentException(
          "table " + schema.name() + ": keyField must be STRING, INT or LONG, not " + keyType);
    }
    ColumnType cursorType = schema.column(cursorField).orElseThrow().type();
    if (cursorType != ColumnType.UTC_DATETIME) {
      throw new IllegalArgumentException(
          "table "
              + schema.name()
              + ": cursorField must be declared UTC_DATETIME, not "
              + cursorType);
    }
  }

  /** The table name. */
  public String table() {
    return schema.name();
  }

  /** The declared type of the key field. */
  public ColumnType keyType() {
    return schema.column(keyField).orElseThrow().type();
  }
}
