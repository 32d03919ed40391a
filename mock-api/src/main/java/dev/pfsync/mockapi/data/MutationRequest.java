package dev.pfsync.mockapi.data;

/**
 * How many rows one {@code POST /admin/mutations} changes (every count at least 0), and how long
 * after being stamped the changes become visible ({@code commitDelayMs}, 0..{@value
 * #MAX_COMMIT_DELAY_MS}).
 */
public record MutationRequest(
    int updates, int inserts, int deletes, int orderUpdates, int orderInserts, int commitDelayMs) {
  public static final int MAX_COMMIT_DELAY_MS = 600_000;

  public MutationRequest {
    check("updates", updates);
    check("inserts", inserts);
    check("deletes", deletes);
    check("order_updates", orderUpdates);
    check("order_inserts", orderInserts);
    if (commitDelayMs < 0 || commitDelayMs > MAX_COMMIT_DELAY_MS) {
      throw new IllegalArgumentException(
          "commit_delay_ms must be within 0.." + MAX_COMMIT_DELAY_MS + ", got " + commitDelayMs);
    }
  }

  private static void check(String name, int n) {
    if (n < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + n);
    }
  }
}
