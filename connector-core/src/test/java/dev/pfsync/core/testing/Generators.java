package dev.pfsync.core.testing;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Seeded random cases for property tests: one JUnit {@link DynamicTest} per seed.
 *
 * <p>Case {@code i} of a run uses seed {@code base + i}. The base seed is random on each run unless
 * {@code -Dpfsync.properties.seed} fixes it; {@code -Dpfsync.properties.tries} sets the number of
 * cases per property (default 100). A failing case names its seed and its generated parameters, so
 * {@code -Dpfsync.properties.seed=<seed> -Dpfsync.properties.tries=1} reruns exactly that case.
 */
public final class Generators {
  public static final String SEED_PROPERTY = "pfsync.properties.seed";
  public static final String TRIES_PROPERTY = "pfsync.properties.tries";
  public static final int DEFAULT_TRIES = 100;

  private final Random random;

  private Generators(long seed) {
    // Random's first draws for adjacent seeds are almost equal; spread the seed before using it.
    this.random = new Random(new SplittableRandom(seed).nextLong());
  }

  /**
   * One test per seed: {@code generate} draws a case's parameters, then {@code property} checks
   * them, drawing any further random choices from the same seeded {@link Random}.
   */
  public static <C> Stream<DynamicTest> forAll(
      Function<Generators, C> generate, BiConsumer<C, Random> property) {
    long base = baseSeed();
    return LongStream.range(0, tries())
        .mapToObj(i -> base + i)
        .map(seed -> dynamicTest("seed=" + seed, () -> check(seed, generate, property)));
  }

  /** A uniform int in {@code [min, max]}, or one of the bounds about once in five draws. */
  public int intBetween(int min, int max) {
    if (min > max) {
      throw new IllegalArgumentException("min " + min + " cannot be greater than max " + max);
    }
    // The bounds are where off-by-one bugs live, so draw them more often than uniform would.
    return switch (random.nextInt(10)) {
      case 0 -> min;
      case 1 -> max;
      default -> (int) random.nextLong(min, (long) max + 1);
    };
  }

  /** A list of {@code intBetween(0, maxSize)} elements. */
  public <T> List<T> listOf(int maxSize, Supplier<T> element) {
    return IntStream.range(0, intBetween(0, maxSize)).mapToObj(i -> element.get()).toList();
  }

  private static <C> void check(
      long seed, Function<Generators, C> generate, BiConsumer<C, Random> property) {
    var generators = new Generators(seed);
    C parameters = generate.apply(generators);
    try {
      property.accept(parameters, generators.random);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(
          String.format(
              "property failed for seed=%d with %s%nrerun this case alone: -D%s=%d -D%s=1%n%s",
              seed, parameters, SEED_PROPERTY, seed, TRIES_PROPERTY, e),
          e);
    }
  }

  private static long baseSeed() {
    String value = System.getProperty(SEED_PROPERTY);
    if (value == null || value.isBlank()) {
      return ThreadLocalRandom.current().nextLong();
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(SEED_PROPERTY + " must be a long, was '" + value + "'");
    }
  }

  private static int tries() {
    String value = System.getProperty(TRIES_PROPERTY);
    if (value == null || value.isBlank()) {
      return DEFAULT_TRIES;
    }
    int tries;
    try {
      tries = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(TRIES_PROPERTY + " must be an int, was '" + value + "'");
    }
    if (tries < 1) {
      throw new IllegalArgumentException(TRIES_PROPERTY + " cannot be less than 1, was " + tries);
    }
    return tries;
  }
}
