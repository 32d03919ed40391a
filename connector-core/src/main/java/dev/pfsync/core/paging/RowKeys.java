package dev.pfsync.core.paging;

import dev.pfsync.core.Keyset;
import dev.pfsync.core.Row;
import dev.pfsync.core.TableBinding;
import java.time.Instant;

/** Reads a row's keyset position (cursor field, key field as text) as its binding declares. */
public final class RowKeys {
  private RowKeys() {}

  /**
   * The position just after this row.
   *
   * @throws IllegalArgumentException if the row lacks a key or a cursor of the declared type
   */
  public static Keyset keysetOf(TableBinding binding, Row row) {
    Object cursor = row.get(binding.cursorField());
    if (!(cursor instanceof Instant)) {
      throw new IllegalArgumentException(
          "row without an instant in " + binding.cursorField() + ": " + cursor);
    }
    return Keyset.after((Instant) cursor, keyOf(binding, row));
  }

  /** The row's key as text (integer keys as decimal digits). */
  public static String keyOf(TableBinding binding, Row row) {
    Object key = row.get(binding.keyField());
    if (key instanceof String || key instanceof Integer || key instanceof Long) {
      return key.toString();
    }
    throw new IllegalArgumentException("row without a valid " + binding.keyField() + ": " + key);
  }

  /** The row's cursor value. */
  public static Instant cursorOf(TableBinding binding, Row row) {
    return keysetOf(binding, row).since();
  }
}
