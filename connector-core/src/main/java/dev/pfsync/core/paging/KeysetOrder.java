package dev.pfsync.core.paging;

import dev.pfsync.core.ColumnType;
import dev.pfsync.core.Keyset;
import dev.pfsync.core.TableBinding;
import java.util.Comparator;

/**
 * The total order of {@link Keyset}s of one table: by {@code since}, then a position without key
 * before any key at the same instant, then keys as text ({@code STRING}) or as numbers ({@code
 * INT}, {@code LONG}).
 */
public final class KeysetOrder implements Comparator<Keyset> {
  private final boolean numericKeys;

  private KeysetOrder(boolean numericKeys) {
    this.numericKeys = numericKeys;
  }

  /** The order for a key of this declared type (STRING, INT or LONG). */
  public static KeysetOrder forKeyType(ColumnType keyType) {
    return new KeysetOrder(keyType == ColumnType.INT || keyType == ColumnType.LONG);
  }

  /** The order of the binding's keysets. */
  public static KeysetOrder of(TableBinding binding) {
    return forKeyType(binding.keyType());
  }

  /**
   * Compares two positions.
   *
   * @throws IllegalArgumentException if a key of a numeric table is not a decimal integer
   */
  @Override
  public int compare(Keyset a, Keyset b) {
    int bySince = a.since().compareTo(b.since());
    if (bySince != 0) {
      return bySince;
    }
    if (a.afterKey().isEmpty() || b.afterKey().isEmpty()) {
      return Boolean.compare(a.afterKey().isPresent(), b.afterKey().isPresent());
    }
    return compareKeys(a.afterKey().get(), b.afterKey().get());
  }

  /** The lesser of two positions ({@code a} if equal). */
  public Keyset min(Keyset a, Keyset b) {
    return compare(a, b) <= 0 ? a : b;
  }

  /** The greater of two positions ({@code a} if equal). */
  public Keyset max(Keyset a, Keyset b) {
    return compare(a, b) >= 0 ? a : b;
  }

  private int compareKeys(String a, String b) {
    if (!numericKeys) {
      return a.compareTo(b);
    }
    return Long.compare(parse(a), parse(b));
  }

  private static long parse(String key) {
    try {
      return Long.parseLong(key);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("key '" + key + "' is not an integer", e);
    }
  }
}
