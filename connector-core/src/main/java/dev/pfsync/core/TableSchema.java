package dev.pfsync.core;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A destination table as a connector declares it: name, primary key, typed columns and the cursor
 * column whose value orders versions of a row (an older version never overwrites a newer one).
 */
public record TableSchema(
    String name, List<String> primaryKey, List<Column> columns, String cursorColumn) {
  public TableSchema {
    Objects.requireNonNull(name, "table name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("table name cannot be blank");
    }
    primaryKey = List.copyOf(primaryKey);
    columns = List.copyOf(columns);
    Objects.requireNonNull(cursorColumn, "cursorColumn");
    if (primaryKey.isEmpty()) {
      throw new IllegalArgumentException("table " + name + ": primaryKey cannot be empty");
    }
    var names = new HashSet<String>();
    for (Column c : columns) {
      if (!names.add(c.name())) {
        throw new IllegalArgumentException("table " + name + ": duplicate column " + c.name());
      }
    }
    for (String key : primaryKey) {
      if (!names.contains(key)) {
        throw new IllegalArgumentException(
            "table " + name + ": primary key " + key + " is not a column");
      }
    }
    if (!names.contains(cursorColumn)) {
      throw new IllegalArgumentException(
          "table " + name + ": cursorColumn " + cursorColumn + " is not a column");
    }
  }

  /** The column with this name, if declared. */
  public Optional<Column> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }
}
