package dev.pfsync.postgres.internal;

import dev.pfsync.core.FieldNames;
import dev.pfsync.core.Row;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A row's values in the order of the table's columns, for the general path of {@link TableWriter}.
 * Fields are mapped to columns once per shape of rows (their {@link FieldNames}' names). Rows of
 * one batch may fill one column from differently named fields ({@code nickName} in one, {@code
 * nick_name} in another); within a row {@link RowCheck} lets at most one of them be non-null.
 */
final class ColumnValues {
  private final TableWriter writer;
  private final List<String> columns;
  private final Map<String, Integer> columnOfField = new HashMap<>();
  private final Object[] values;
  private FieldNames shape;
  private int[] columnAt; // per field position, its column's index or -1 (no column: only nulls)

  ColumnValues(TableWriter writer, List<String> columns) {
    this.writer = writer;
    this.columns = columns;
    this.values = new Object[columns.size()];
  }

  /** The row's value for each column (null where it has none), in an array the next call reuses. */
  Object[] of(Row row) {
    if (row.fieldNames() != shape && !RowCheck.sameNames(row.fieldNames(), shape)) {
      shape = row.fieldNames();
      columnAt = new int[shape.size()];
      for (int i = 0; i < columnAt.length; i++) {
        columnAt[i] =
            columnOfField.computeIfAbsent(shape.get(i), f -> writer.columnIndex(f, columns));
      }
    }
    Arrays.fill(values, null);
    for (int i = 0; i < columnAt.length; i++) {
      Object value = row.value(i);
      if (value != null && columnAt[i] >= 0) {
        values[columnAt[i]] = value;
      }
    }
    return values;
  }
}
