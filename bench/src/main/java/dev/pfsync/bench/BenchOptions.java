package dev.pfsync.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code bench/run.sh} was asked to measure.
 *
 * @param users users of the big dataset (benchmarks 1, 2 and 4)
 * @param days days of history of the big and the small dataset
 * @param pageSize the connector's page size (in the syncs with the defaults)
 * @param smallUsers users of the second memory run
 * @param freshRowsPerDay rows per day of history in the freshness datasets
 * @param freshDays days of history of each freshness dataset
 * @param connectorXmx the connector's {@code -Xmx}
 * @param apiXmx the mock-api's {@code -Xmx}
 * @param skipFreshness leave benchmark 3 out
 * @param repeat rounds of benchmark 1 (sync and both {@code \copy}), interleaved
 * @param prefetch run the connector with its opt-in prefetch
 * @param tuned each round also syncs with README's tuning knobs (none is a default)
 * @param tunedWindow a {@code --window} for the tuned syncs too
 * @param help print the usage and do nothing else
 */
record BenchOptions(
    long users,
    int days,
    int pageSize,
    int smallUsers,
    int freshRowsPerDay,
    List<Integer> freshDays,
    String connectorXmx,
    String apiXmx,
    boolean skipFreshness,
    int repeat,
    boolean prefetch,
    boolean tuned,
    Optional<String> tunedWindow,
    boolean help) {

  static final String USAGE =
      """
      Usage: bench/run.sh [options]
      End-to-end benchmarks of pfsync against psql baselines run at the same moment.
        --users N               users of the big dataset (default 1000000)
        --days D                days of history (default 365)
        --page-size N           the connector's page size (default 1000)
        --small-users N         users of the second memory run (default 100000)
        --fresh-rows-per-day N  rows per day in the freshness datasets (default 1000)
        --fresh-days 30,365     days of history of each freshness dataset (default 30,365,3650)
        --no-freshness          leave the freshness benchmark out
        --connector-xmx 128m    the connector's -Xmx (default 128m)
        --api-xmx 2g            the mock-api's -Xmx (default 2g)
        --repeat N              rounds of benchmark 1, interleaved; prints the median ratio
        --prefetch              the connector's opt-in prefetch (--no-prefetch: off, the default)
        --tuned                 each round also syncs with README's tuning knobs
        --tuned-window 7d       --tuned, with --window 7d in the tuned syncs
        --help                  this text
      """;

  BenchOptions {
    freshDays = List.copyOf(freshDays);
  }

  /** The defaults: 1,000,000 users over 365 days, page size 1000, all benchmarks. */
  static BenchOptions defaults() {
    return new Builder().build();
  }

  /**
   * Reads the command line; an option's value is the argument after it.
   *
   * @throws IllegalArgumentException naming an unknown option, or a missing or unreadable value
   */
  static BenchOptions parse(String... args) {
    Builder b = new Builder();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      switch (option) {
        case "--users" -> b.users = Long.parseLong(number(option, args, ++i));
        case "--days" -> b.days = Integer.parseInt(number(option, args, ++i));
        case "--page-size" -> b.pageSize = Integer.parseInt(number(option, args, ++i));
        case "--small-users" -> b.smallUsers = Integer.parseInt(number(option, args, ++i));
        case "--fresh-rows-per-day" ->
            b.freshRowsPerDay = Integer.parseInt(number(option, args, ++i));
        case "--fresh-days" -> b.freshDays = numbers(option, args, ++i);
        case "--no-freshness" -> b.skipFreshness = true;
        case "--prefetch" -> b.prefetch = true;
        case "--no-prefetch" -> b.prefetch = false;
        case "--repeat" -> b.repeat = Integer.parseInt(number(option, args, ++i));
        case "--tuned" -> b.tuned = true;
        case "--tuned-window" -> {
          b.tuned = true;
          b.tunedWindow = Optional.of(value(option, args, ++i));
        }
        case "--connector-xmx" -> b.connectorXmx = value(option, args, ++i);
        case "--api-xmx" -> b.apiXmx = value(option, args, ++i);
        case "--help", "-h" -> b.help = true;
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    return b.build();
  }

  private static String value(String option, String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  /** The value, if it is a whole number that fits an int (every count here does). */
  private static String number(String option, String[] args, int i) {
    String v = value(option, args, i);
    if (!v.matches("[0-9]{1,9}")) {
      throw new IllegalArgumentException(option + " needs a whole number, not '" + v + "'");
    }
    return v;
  }

  private static List<Integer> numbers(String option, String[] args, int i) {
    String v = value(option, args, i);
    if (!v.matches("[0-9]{1,9}(,[0-9]{1,9})*")) {
      throw new IllegalArgumentException(
          option + " needs whole numbers separated by commas, not '" + v + "'");
    }
    List<Integer> out = new ArrayList<>();
    for (String part : v.split(",")) {
      out.add(Integer.parseInt(part));
    }
    return out;
  }

  /** The fields at their defaults, set one by one while the command line is read. */
  private static final class Builder {
    long users = 1_000_000;
    int days = 365;
    int pageSize = 1000;
    int smallUsers = 100_000;
    int freshRowsPerDay = 1000;
    List<Integer> freshDays = List.of(30, 365, 3650);
    String connectorXmx = "128m";
    String apiXmx = "2g";
    boolean skipFreshness;
    int repeat = 1;
    boolean prefetch; // off: the shipped default
    boolean tuned;
    Optional<String> tunedWindow = Optional.empty();
    boolean help;

    BenchOptions build() {
      return new BenchOptions(
          users,
          days,
          pageSize,
          smallUsers,
          freshRowsPerDay,
          freshDays,
          connectorXmx,
          apiXmx,
          skipFreshness,
          repeat,
          prefetch,
          tuned,
          tunedWindow,
          help);
    }
  }
}
