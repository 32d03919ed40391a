package dev.pfsync.core;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One record of a source table: field values keyed by source field name, typed as {@link
 * ColumnType} says (a {@code null} value is SQL NULL), plus whether the source marked it deleted.
 * Fields the schema does not declare are kept too, so destinations can add them as columns.
 *
 * <p>Values are also reachable by position ({@link #fieldCount()}, {@link #fieldName(int)}, {@link
 * #value(int)}); rows of one page usually share their {@link FieldNames}, which lets a destination
 * map fields to columns once per shape rather than once per row.
 */
public record Row(Map<String, Object> values, boolean deleted) {
  public Row {
    // A copy, not Map.copyOf: values may be null and field order is kept.
    if (!(values instanceof Values)) {
      values = Values.copyOf(values);
    }
  }

  /**
   * A row over arrays built for it, without copying them (a source builds one per record). The
   * caller hands {@code values} over: it must not keep nor change it. {@code values} holds one
   * value per name, in the same order.
   */
  public static Row handOver(FieldNames names, Object[] values, boolean deleted) {
    if (values.length != names.size()) {
      throw new IllegalArgumentException(
          values.length + " values for " + names.size() + " fields " + names);
    }
    return new Row(new Values(names, values), deleted);
  }

  /** The value of a field, or null if absent or NULL. */
  public Object get(String field) {
    return values.get(field);
  }

  /** The row's field names, often the same instance for every row of a page. */
  public FieldNames fieldNames() {
    return ((Values) values).names;
  }

  public int fieldCount() {
    return ((Values) values).values.length;
  }

  public String fieldName(int i) {
    return ((Values) values).names.get(i);
  }

  public Object value(int i) {
    return ((Values) values).values[i];
  }

  /** The values of a row: read-only, in field order, over a names array and a values array. */
  private static final class Values extends AbstractMap<String, Object> {
    private final FieldNames names;
    private final Object[] values;

    Values(FieldNames names, Object[] values) {
      this.names = names;
      this.values = values;
    }

    static Values copyOf(Map<String, Object> map) {
      String[] names = new String[map.size()];
      Object[] values = new Object[map.size()];
      int i = 0;
      for (Map.Entry<String, Object> e : map.entrySet()) {
        names[i] = e.getKey();
        values[i++] = e.getValue();
      }
      return new Values(FieldNames.of(names, i), values);
    }

    @Override
    public Object get(Object key) {
      int i = names.indexOf(key);
      return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
      return names.indexOf(key) >= 0;
    }

    @Override
    public int size() {
      return values.length;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return values.length;
        }

        @Override
        public Iterator<Map.Entry<String, Object>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < values.length;
            }

            @Override
            public Map.Entry<String, Object> next() {
              if (next >= values.length) {
                throw new NoSuchElementException();
              }
              int i = next++;
              return new AbstractMap.SimpleImmutableEntry<>(names.get(i), values[i]);
            }
          };
        }
      };
    }
  }
}
