package dev.pfsync.core;

import java.util.Objects;

/**
 * A named, typed column of a {@link TableSchema}. The name is the source's field name ({@code
 * updatedAt}); destinations derive their own identifiers from it.
 */
public record Column(String name, ColumnType type) {
  public Column {
    Objects.requireNonNull(name, "column name");
    Objects.requireNonNull(type, "column type");
    if (name.isBlank()) {
      throw new IllegalArgumentException("column name cannot be blank");
    }
  }
}
