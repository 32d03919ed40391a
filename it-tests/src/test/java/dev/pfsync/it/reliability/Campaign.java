package dev.pfsync.it.reliability;

import java.util.Random;

/**
 * The campaign's scale and seed. {@code -Dpfsync.reliability.full=true} (the {@code reliability}
 * profile) runs the sizes; without it every scenario runs its short CI version. The seed
 * comes from {@code -Dpfsync.reliability.seed=N} or is drawn at random; it is printed once, and
 * each scenario derives its own generator from it, so one scenario reruns alone with the same
 * draws.
 */
final class Campaign {
  private static final boolean FULL = Boolean.getBoolean("pfsync.reliability.full");
  private static final long SEED = chooseSeed();

  private Campaign() {}

  static boolean full() {
    return FULL;
  }

  static long seed() {
    return SEED;
  }

  /** The short value in CI, the full one in the campaign. */
  static int scale(int shortValue, int fullValue) {
    return FULL ? fullValue : shortValue;
  }

  /** A generator for one scenario: the campaign seed mixed with the scenario's name. */
  static Random random(String scenario) {
    return new Random(SEED * 31 + scenario.hashCode());
  }

  private static long chooseSeed() {
    String given = System.getProperty("pfsync.reliability.seed", "").trim();
    long seed = given.isEmpty() ? new Random().nextLong() & 0xffff_ffffL : Long.parseLong(given);
    System.out.printf(
        "reliability campaign: seed %d (%s); rerun with -Dpfsync.reliability.seed=%d%n",
        seed, FULL ? "full" : "short", seed);
    return seed;
  }
}
