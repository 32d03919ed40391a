package dev.pfsync.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record of a source table: field values keyed by source field name, typed as {@link
 * ColumnType} says (a {@code null} value is SQL NULL), plus whether the source marked it deleted.
 * Fields the schema does not declare are kept too, so destinations can add them as columns.
 */
public record Row(Map<String, Object> values, boolean deleted) {
  public Row {
    // LinkedHashMap, not Map.copyOf: values may be null and field order is kept.
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The value of a field, or null if absent or NULL. */
  public Object get(String field) {
    return values.get(field);
  }
}
