package dev.pfsync.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/** Builds and mutates simulated datasets: random keys, second-precision ties, a burst. */
public final class Datasets {
  private Datasets() {}

  /**
   * Adds {@code count} users with cursors uniform in {@code [from, to)} (whole seconds, so ties are
   * common) and {@code burst} more sharing one instant.
   */
  public static void users(
      SimulatedSource source, Random random, int count, Instant from, Instant to, int burst) {
    long span = Math.max(1, Duration.between(from, to).toSeconds());
    for (int i = 0; i < count; i++) {
      Instant at = from.plusSeconds((long) (random.nextDouble() * span));
      source.put("user", Bindings.user(newId(random), at, "v0", false));
    }
    Instant burstAt = from.plusSeconds(span / 2);
    for (int i = 0; i < burst; i++) {
      source.put("user", Bindings.user(newId(random), burstAt, "burst", false));
    }
  }

  /** Adds {@code count} orders with ids 1..count and cursors in {@code [from, to)}. */
  public static void orders(
      SimulatedSource source, Random random, int count, Instant from, Instant to) {
    long span = Math.max(1, Duration.between(from, to).toSeconds());
    for (int i = 1; i <= count; i++) {
      Instant at = from.plusSeconds((long) (random.nextDouble() * span));
      source.put("orders", Bindings.order(i, at, random.nextInt(100_000)));
    }
  }

  /** Updates, inserts and deletes users, stamped at {@code now} as the API does. */
  public static void mutateUsers(
      SimulatedSource source, Random random, Instant now, int updates, int inserts, int deletes) {
    List<String> keys = source.keys("user");
    for (int i = 0; i < updates && !keys.isEmpty(); i++) {
      String id = keys.get(random.nextInt(keys.size()));
      source.put("user", Bindings.user(id, now, "v" + random.nextInt(1000), false));
    }
    for (int i = 0; i < inserts; i++) {
      source.put("user", Bindings.user(newId(random), now, "new", false));
    }
    for (int i = 0; i < deletes && !keys.isEmpty(); i++) {
      String id = keys.get(random.nextInt(keys.size()));
      source.put("user", Bindings.user(id, now, "gone", true));
    }
  }

  /** Moves some orders to {@code now} with a new amount, and adds new ones. */
  public static void mutateOrders(
      SimulatedSource source, Random random, Instant now, int updates, int inserts) {
    List<String> keys = source.keys("orders");
    for (int i = 0; i < updates && !keys.isEmpty(); i++) {
      long id = Long.parseLong(keys.get(random.nextInt(keys.size())));
      source.put("orders", Bindings.order(id, now, random.nextInt(100_000)));
    }
    long next = keys.stream().mapToLong(Long::parseLong).max().orElse(0) + 1;
    for (int i = 0; i < inserts; i++) {
      source.put("orders", Bindings.order(next + i, now, random.nextInt(100_000)));
    }
  }

  private static String newId(Random random) {
    return Long.toHexString(random.nextLong() & Long.MAX_VALUE);
  }
}
