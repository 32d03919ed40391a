package dev.pfsync.mockapi.data;

/**
 * SplitMix64: a tiny, fast generator whose output is fixed by its seed on every JVM, which is what
 * makes the dataset byte-identical across restarts. Not thread-safe.
 */
public final class Rng {
  private long state;

  public Rng(long seed) {
    this.state = seed;
  }

  /** A generator for one purpose ({@code stream}) derived from a base seed. */
  public static Rng derive(long seed, long stream) {
    return new Rng(mix(seed ^ mix(stream + 0x632BE59BD9B4E019L)));
  }

  /** The SplitMix64 finalizer: a bijection on 64-bit values. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * M1;
    z = (z ^ (z >>> 27)) * M2;
    return z ^ (z >>> 31);
  }

  private static final long M1 = 0xBF58476D1CE4E5B9L;
  private static final long M2 = 0x94D049BB133111EBL;
  private static final long INV_M1 = inverse(M1);
  private static final long INV_M2 = inverse(M2);

  /** The inverse of {@link #mix}: {@code unmix(mix(x)) == x}. */
  public static long unmix(long z) {
    z = unshift(z, 31) * INV_M2;
    z = unshift(z, 27) * INV_M1;
    return unshift(z, 30);
  }

  private static long unshift(long x, int s) {
    long y = x;
    for (int i = 0; i < 64 / s + 1; i++) {
      y = x ^ (y >>> s);
    }
    return y;
  }

  /** Multiplicative inverse of an odd number modulo 2^64 (Newton's iteration). */
  private static long inverse(long m) {
    long inv = m;
    for (int i = 0; i < 6; i++) {
      inv *= 2 - m * inv;
    }
    return inv;
  }

  public long nextLong() {
    state += 0x9E3779B97F4A7C15L;
    return mix(state);
  }

  /** Uniform in {@code [0, bound)}. */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    return (int) nextLong(bound);
  }

  /** Uniform in {@code [0, bound)}. */
  public long nextLong(long bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    // Multiply-shift on the top 63 bits; the tiny bias is irrelevant for fake data.
    long r = nextLong() >>> 1;
    return Math.floorMod(r, bound);
  }

  /** Uniform in {@code [0, 1)}. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }
}
