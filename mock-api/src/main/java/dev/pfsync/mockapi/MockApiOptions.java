package dev.pfsync.mockapi;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to start the mock API; mirrors the command-line flags. Start from {@link #defaults()} and
 * change what you need: {@code MockApiOptions.defaults().withPort(0).withUsers(5_000)}.
 *
 * @param host bind address ({@code --host}, default 127.0.0.1)
 * @param port TCP port, 0 for a free one ({@code --port}, default 5001)
 * @param users size of the users dataset ({@code --users}, default 100000)
 * @param historyDays {@code updatedAt} spans {@code [now - historyDays, now]} ({@code
 *     --history-days}, default 30)
 * @param seed dataset and fault seed ({@code --seed}, default 42)
 * @param now fixed clock ({@code --now}); empty means the wall clock shifted by {@code clockOffset}
 * @param clockOffset how far the server's ticking clock runs from the wall clock ({@code
 *     --clock-offset}, default 0; negative: behind); non-zero only without {@code now}
 * @param burst rows sharing one {@code updatedAt} ({@code --burst}); empty means {@code min(12000,
 *     users / 4)}
 * @param token bearer token required on {@code /v1} ({@code --token}); empty means none
 * @param admin whether {@code /admin/*} exists ({@code --admin})
 */
public record MockApiOptions(
    String host,
    int port,
    int users,
    int historyDays,
    long seed,
    Optional<Instant> now,
    Duration clockOffset,
    OptionalInt burst,
    Optional<String> token,
    boolean admin) {

  /** Most users the server accepts (memory, not speed, is the limit). */
  public static final int MAX_USERS = 20_000_000;

  /** Farthest the server's clock may run from the wall clock, either way. */
  public static final Duration MAX_CLOCK_OFFSET = Duration.ofDays(365);

  public MockApiOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(clockOffset, "clockOffset");
    Objects.requireNonNull(burst, "burst");
    Objects.requireNonNull(token, "token");
    if (host.isBlank()) {
      throw new IllegalArgumentException("--host must not be empty");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port must be within 0..65535, got " + port);
    }
    if (users < 0 || users > MAX_USERS) {
      throw new IllegalArgumentException(
          "--users must be within 0.." + MAX_USERS + ", got " + users);
    }
    if (historyDays < 1 || historyDays > 36_500) {
      throw new IllegalArgumentException(
          "--history-days must be within 1..36500, got " + historyDays);
    }
    if (burst.isPresent() && (burst.getAsInt() < 0 || burst.getAsInt() > users)) {
      throw new IllegalArgumentException(
          "--burst must be within 0..users (" + users + "), got " + burst.getAsInt());
    }
    if (token.isPresent()
        && (token.get().isBlank() || token.get().chars().anyMatch(c -> c <= ' ' || c > '~'))) {
      throw new IllegalArgumentException(
          "--token must be non-empty printable ASCII without spaces");
    }
    if (now.isPresent()) {
      long sec = now.get().getEpochSecond();
      if (sec - historyDays * 86_400L - 3 * 365 * 86_400L < 0 || sec > 253_402_300_799L) {
        throw new IllegalArgumentException(
            "--now must leave the history (and account ages) after 1970 and be before year 10000");
      }
      if (!clockOffset.isZero()) {
        throw new IllegalArgumentException(
            "--now and --clock-offset exclude each other: a fixed clock does not tick");
      }
    }
    if (clockOffset.abs().compareTo(MAX_CLOCK_OFFSET) > 0) {
      throw new IllegalArgumentException(
          "--clock-offset must be within -365d..+365d, got " + DurationFlag.format(clockOffset));
    }
  }

  /**
   * Every flag at its default (port 5001, 100000 users, 30 days, seed 42, wall clock, no offset).
   */
  public static MockApiOptions defaults() {
    return new MockApiOptions(
        "127.0.0.1",
        5001,
        100_000,
        30,
        42,
        Optional.empty(),
        Duration.ZERO,
        OptionalInt.empty(),
        Optional.empty(),
        false);
  }

  /** The burst size in effect: {@code --burst}, else {@code min(12000, users / 4)}. */
  public int effectiveBurst() {
    return burst.orElse(Math.min(12_000, users / 4));
  }

  /** Size of the orders dataset: half the users. */
  public int orders() {
    return users / 2;
  }

  public MockApiOptions withHost(String v) {
    return new MockApiOptions(
        v, port, users, historyDays, seed, now, clockOffset, burst, token, admin);
  }

  public MockApiOptions withPort(int v) {
    return new MockApiOptions(
        host, v, users, historyDays, seed, now, clockOffset, burst, token, admin);
  }

  public MockApiOptions withUsers(int v) {
    return new MockApiOptions(
        host, port, v, historyDays, seed, now, clockOffset, burst, token, admin);
  }

  public MockApiOptions withHistoryDays(int v) {
    return new MockApiOptions(host, port, users, v, seed, now, clockOffset, burst, token, admin);
  }

  public MockApiOptions withSeed(long v) {
    return new MockApiOptions(
        host, port, users, historyDays, v, now, clockOffset, burst, token, admin);
  }

  public MockApiOptions withNow(Instant v) {
    return new MockApiOptions(
        host, port, users, historyDays, seed, Optional.of(v), clockOffset, burst, token, admin);
  }

  /** The offset of a ticking clock, e.g. {@code Duration.ofSeconds(-60)}: a minute behind. */
  public MockApiOptions withClockOffset(Duration v) {
    return new MockApiOptions(host, port, users, historyDays, seed, now, v, burst, token, admin);
  }

  public MockApiOptions withBurst(int v) {
    return new MockApiOptions(
        host, port, users, historyDays, seed, now, clockOffset, OptionalInt.of(v), token, admin);
  }

  public MockApiOptions withToken(String v) {
    return new MockApiOptions(
        host, port, users, historyDays, seed, now, clockOffset, burst, Optional.of(v), admin);
  }

  public MockApiOptions withAdmin(boolean v) {
    return new MockApiOptions(
        host, port, users, historyDays, seed, now, clockOffset, burst, token, v);
  }

  /**
   * Parses command-line flags ({@code --users 5000} or {@code --users=5000}).
   *
   * @throws IllegalArgumentException with a one-line message naming the flag
   */
  public static MockApiOptions parse(String... args) {
    MockApiOptions o = defaults();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (name.equals("--admin")) {
        if (value != null) {
          throw new IllegalArgumentException("--admin takes no value");
        }
        o = o.withAdmin(true);
        continue;
      }
      if (!FLAGS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown flag '" + arg + "'; known: " + String.join(", ", FLAGS) + ", --admin");
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        value = args[++i];
      }
      o = with(o, name, value);
    }
    return o;
  }

  private static final List<String> FLAGS =
      List.of(
          "--host",
          "--port",
          "--users",
          "--history-days",
          "--seed",
          "--now",
          "--clock-offset",
          "--burst",
          "--token");

  private static MockApiOptions with(MockApiOptions o, String name, String value) {
    return switch (name) {
      case "--host" -> o.withHost(value);
      case "--port" -> o.withPort(integer(name, value));
      case "--users" -> o.withUsers(integer(name, value));
      case "--history-days" -> o.withHistoryDays(integer(name, value));
      case "--seed" -> o.withSeed(longValue(name, value));
      case "--now" -> o.withNow(instant(name, value));
      case "--clock-offset" -> o.withClockOffset(DurationFlag.parse(name, value));
      case "--burst" -> o.withBurst(integer(name, value));
      case "--token" -> o.withToken(value);
      default -> throw new IllegalArgumentException("unknown flag " + name);
    };
  }

  private static int integer(String name, String value) {
    long v = longValue(name, value);
    if (v != (int) v) {
      throw new IllegalArgumentException(name + " is out of range: " + value);
    }
    return (int) v;
  }

  private static long longValue(String name, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
    }
  }

  private static Instant instant(String name, String value) {
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " must be an ISO-8601 instant like 2026-11-20T08:00:00Z, got '" + value + "'");
    }
  }
}
