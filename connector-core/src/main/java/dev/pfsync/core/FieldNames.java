package dev.pfsync.core;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct field names of a row, in order. Rows of one page usually share one instance (a
 * source sends the same fields in the same order record after record), so a consumer can work out
 * what to do with each position once and recognise the next row of the same shape by identity.
 */
public final class FieldNames {
  private static final int SCAN_UP_TO = 16; // wider rows look names up in a hash index

  private final String[] names;
  private final Map<String, Integer> index; // null for narrow rows: a scan is faster

  private FieldNames(String[] names) {
    this.names = names;
    if (names.length > SCAN_UP_TO) {
      index = new HashMap<>(names.length * 2);
      for (int i = 0; i < names.length; i++) {
        index.put(names[i], i);
      }
    } else {
      index = null;
    }
  }

  /**
   * The names {@code [0, count)} of {@code names}, which must be distinct and not null.
   *
   * @throws IllegalArgumentException if a name repeats or is null
   */
  public static FieldNames of(String[] names, int count) {
    String[] copy = Arrays.copyOf(names, count);
    FieldNames f = new FieldNames(copy);
    for (int i = 0; i < count; i++) {
      if (copy[i] == null || f.indexOf(copy[i]) != i) {
        throw new IllegalArgumentException(
            "field names must be distinct and not null: " + List.of(copy));
      }
    }
    return f;
  }

  public int size() {
    return names.length;
  }

  public String get(int i) {
    return names[i];
  }

  /** Position of {@code name}, or -1. */
  public int indexOf(Object name) {
    if (index != null) {
      Integer i = index.get(name);
      return i == null ? -1 : i;
    }
    for (int i = 0; i < names.length; i++) {
      if (names[i] == name) {
        return i;
      }
    }
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether the first {@code count} entries of {@code candidate} are these names, by identity. */
  public boolean sameAs(String[] candidate, int count) {
    if (count != names.length) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      if (candidate[i] != names[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return Arrays.toString(names);
  }
}
