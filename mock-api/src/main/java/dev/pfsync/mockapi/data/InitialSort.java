package dev.pfsync.mockapi.data;

import java.util.Arrays;

/**
 * Sorts freshly generated users by id and by key with primitive sorts instead of comparing strings:
 * an id's unsigned bits sort like its hex text, and the serial behind the bits is recovered with
 * {@link Rng#unmix}. Keeps startup at a million users well under a second.
 */
final class InitialSort {
  private InitialSort() {}

  /** {@code bySerial[i]} must be the user with serial {@code i} under {@code seed}. */
  static KeysetTable<User> users(long seed, User[] bySerial) {
    int n = bySerial.length;
    long[] bits = new long[n];
    for (int i = 0; i < n; i++) {
      bits[i] = User.idBits(seed, i) ^ Long.MIN_VALUE; // signed order == unsigned order
    }
    Arrays.parallelSort(bits);
    User[] byId = new User[n];
    int[] rank = new int[n];
    for (int r = 0; r < n; r++) {
      int serial = (int) User.serialOf(seed, bits[r] ^ Long.MIN_VALUE);
      byId[r] = bySerial[serial];
      rank[serial] = r;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (User u : bySerial) {
      min = Math.min(min, u.updatedAt());
      max = Math.max(max, u.updatedAt());
    }
    if (n == 0 || max - min >= Integer.MAX_VALUE) {
      return new KeysetTable<>(Arrays.asList(bySerial), User::compareKey, User::compareId);
    }
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = ((bySerial[i].updatedAt() - min) << 32) | rank[i];
    }
    Arrays.parallelSort(keys);
    User[] byKey = new User[n];
    for (int j = 0; j < n; j++) {
      byKey[j] = byId[(int) keys[j]];
    }
    return KeysetTable.presorted(byKey, byId, User::compareKey, User::compareId);
  }

  /** {@code byId[i]} must be the order with id {@code i + 1}. */
  static KeysetTable<Order> orders(Order[] byId) {
    int n = byId.length;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (Order o : byId) {
      min = Math.min(min, o.modifiedAt());
      max = Math.max(max, o.modifiedAt());
    }
    if (n == 0 || n >= (1 << 24) || max - min >= (1L << 39)) {
      return new KeysetTable<>(Arrays.asList(byId), Order::compareKey, Order::compareId);
    }
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = ((byId[i].modifiedAt() - min) << 24) | i;
    }
    Arrays.parallelSort(keys);
    Order[] byKey = new Order[n];
    for (int j = 0; j < n; j++) {
      byKey[j] = byId[(int) (keys[j] & 0xFFFFFF)];
    }
    return KeysetTable.presorted(byKey, byId, Order::compareKey, Order::compareId);
  }
}
