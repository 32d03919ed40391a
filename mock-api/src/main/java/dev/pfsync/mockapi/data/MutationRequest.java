package dev.pfsync.mockapi.data;

/** How many rows one {@code POST /admin/mutations} changes; every count is at least 0. */
public record MutationRequest(
    int updates, int inserts, int deletes, int orderUpdates, int orderInserts) {
  public MutationRequest {
    check("updates", updates);
    check("inserts", inserts);
    check("deletes", deletes);
    check("order_updates", orderUpdates);
    check("order_inserts", orderInserts);
  }

  private static void check(String name, int n) {
    if (n < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + n);
    }
  }
}
