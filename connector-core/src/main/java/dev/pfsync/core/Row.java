package dev.pfsync.core;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One record of a source table: field values keyed by source field name, typed as {@link
 * ColumnType} says (a {@code null} value is SQL NULL), plus whether the source marked it deleted.
 * Fields the schema does not declare are kept too, so destinations can add them as columns.
 */
public record Row(Map<String, Object> values, boolean deleted) {
  public Row {
    // A copy, not Map.copyOf: values may be null and field order is kept.
    if (!(values instanceof Values)) {
      values = new Values(new LinkedHashMap<>(values));
    }
  }

  /**
   * A row over a map built for it, without copying it (a source builds one per record, and this
   * copy was a tenth of the parse). The caller hands the map over: it must not keep nor change it.
   */
  public static Row handOver(LinkedHashMap<String, Object> values, boolean deleted) {
    return new Row(new Values(values), deleted);
  }

  /** The value of a field, or null if absent or NULL. */
  public Object get(String field) {
    return values.get(field);
  }

  /** The values of a row: read-only, in field order. */
  private static final class Values extends AbstractMap<String, Object> {
    private final Map<String, Object> map;
    private final Set<Map.Entry<String, Object>> entries;

    Values(LinkedHashMap<String, Object> map) {
      this.map = map;
      this.entries = Collections.unmodifiableMap(map).entrySet();
    }

    @Override
    public Object get(Object key) {
      return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }

    @Override
    public int size() {
      return map.size();
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
      return entries;
    }
  }
}
