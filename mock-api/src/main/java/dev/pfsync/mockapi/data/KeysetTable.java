package dev.pfsync.mockapi.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The current versions of one resource, held twice: sorted by keyset order and sorted by id. Both
 * arrays are immutable snapshots swapped on change, so a page is a binary search plus a slice
 * (O(log n + limit)) and readers never lock.
 */
public final class KeysetTable<T> {
  private final Comparator<T> keyOrder;
  private final Comparator<T> idOrder;
  private volatile Snapshot<T> snapshot;

  private record Snapshot<T>(T[] byKey, T[] byId) {}

  /** A page: a view of the snapshot, and whether rows remain before the upper bound. */
  public record Slice<T>(List<T> rows, boolean hasMore) {}

  public KeysetTable(Collection<T> rows, Comparator<T> keyOrder, Comparator<T> idOrder) {
    this.keyOrder = keyOrder;
    this.idOrder = idOrder;
    @SuppressWarnings("unchecked")
    T[] byId = (T[]) rows.toArray();
    T[] byKey = byId.clone();
    Arrays.parallelSort(byId, idOrder);
    Arrays.parallelSort(byKey, keyOrder);
    for (int i = 1; i < byId.length; i++) {
      if (idOrder.compare(byId[i - 1], byId[i]) == 0) {
        throw new IllegalArgumentException("duplicate id: " + byId[i]);
      }
    }
    this.snapshot = new Snapshot<>(byKey, byId);
  }

  /**
   * A table over arrays already strictly sorted by the two orders (not checked: startup speed); the
   * arrays are owned by the table from now on.
   */
  static <T> KeysetTable<T> presorted(
      T[] byKey, T[] byId, Comparator<T> keyOrder, Comparator<T> idOrder) {
    return new KeysetTable<>(byKey, byId, keyOrder, idOrder);
  }

  private KeysetTable(T[] byKey, T[] byId, Comparator<T> keyOrder, Comparator<T> idOrder) {
    if (byKey.length != byId.length) {
      throw new IllegalArgumentException("byKey and byId differ in size");
    }
    this.keyOrder = keyOrder;
    this.idOrder = idOrder;
    this.snapshot = new Snapshot<>(byKey, byId);
  }

  public int size() {
    return snapshot.byId.length;
  }

  /**
   * Rows in keyset order starting at the first row for which {@code beforeStart} is false, ending
   * before the first row for which {@code beforeEnd} is false; both predicates must be monotone
   * (true then false) over keyset order.
   */
  public Slice<T> page(Predicate<T> beforeStart, Predicate<T> beforeEnd, int limit) {
    T[] rows = snapshot.byKey;
    int from = firstNot(rows, beforeStart);
    int end = Math.max(from, firstNot(rows, beforeEnd));
    int to = (int) Math.min(end, (long) from + limit);
    return new Slice<>(
        Collections.unmodifiableList(Arrays.asList(rows).subList(from, to)), to < end);
  }

  /** Every current row ordered by id: the ground truth. */
  public List<T> byId() {
    return Collections.unmodifiableList(Arrays.asList(snapshot.byId));
  }

  /** Every current row in keyset order. */
  public List<T> byKey() {
    return Collections.unmodifiableList(Arrays.asList(snapshot.byKey));
  }

  /**
   * Replaces existing rows by new versions with the same id and adds new rows; O(n) per call.
   * Callers serialize changes (the mutation endpoint is synchronized).
   */
  public synchronized void apply(Collection<T> changed, Collection<T> inserted) {
    Snapshot<T> s = snapshot;
    T[] byId = s.byId.clone();
    Set<T> replaced = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<T> fresh = Collections.newSetFromMap(new IdentityHashMap<>());
    for (T row : changed) {
      int at = Arrays.binarySearch(byId, row, idOrder);
      if (at < 0) {
        throw new IllegalArgumentException("no row with the id of " + row);
      }
      if (fresh.contains(byId[at])) {
        throw new IllegalArgumentException("row changed twice in one call: " + row);
      }
      replaced.add(byId[at]);
      fresh.add(row);
      byId[at] = row;
    }
    List<T> added = new ArrayList<>(inserted);
    added.sort(idOrder);
    for (T row : added) {
      if (Arrays.binarySearch(byId, row, idOrder) >= 0) {
        throw new IllegalArgumentException("id already present: " + row);
      }
    }
    List<T> newVersions = new ArrayList<>(changed);
    newVersions.addAll(inserted);
    newVersions.sort(keyOrder);
    T[] kept =
        Arrays.stream(s.byKey)
            .filter(r -> !replaced.contains(r))
            .toArray(n -> Arrays.copyOf(s.byKey, n));
    snapshot = new Snapshot<>(merge(kept, newVersions, keyOrder), merge(byId, added, idOrder));
  }

  private static <T> T[] merge(T[] a, List<T> b, Comparator<T> order) {
    T[] out = Arrays.copyOf(a, a.length + b.size());
    int i = a.length - 1;
    int j = b.size() - 1;
    for (int k = out.length - 1; k >= 0; k--) {
      if (j < 0 || (i >= 0 && order.compare(a[i], b.get(j)) > 0)) {
        out[k] = a[i--];
      } else {
        out[k] = b.get(j--);
      }
    }
    return out;
  }

  private static <T> int firstNot(T[] rows, Predicate<T> before) {
    int lo = 0;
    int hi = rows.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (before.test(rows[mid])) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
