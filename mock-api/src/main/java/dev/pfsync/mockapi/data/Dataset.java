package dev.pfsync.mockapi.data;

/**
 * The whole source system's data: pools, users and orders, generated deterministically from the
 * seed and the flags, then changed only by {@link Mutator}.
 */
public final class Dataset {
  static final long DAY = 86_400L;
  private static final long MAX_ACCOUNT_AGE = 3 * 365 * DAY;

  private final long seed;
  private final ValuePools pools;
  private final KeysetTable<User> users;
  private final KeysetTable<Order> orders;
  private final long burstAt;
  private final Mutator mutator;

  private Dataset(
      long seed,
      ValuePools pools,
      KeysetTable<User> users,
      KeysetTable<Order> orders,
      long burstAt) {
    this.seed = seed;
    this.pools = pools;
    this.users = users;
    this.orders = orders;
    this.burstAt = burstAt;
    this.mutator = new Mutator(this, users.size(), orders.size() + 1L);
  }

  /**
   * Generates {@code userCount} users whose {@code updatedAt} spans {@code [now - historyDays,
   * now]} (of which {@code burst} share one second) and {@code userCount / 2} orders over the same
   * span.
   */
  public static Dataset generate(long seed, int userCount, int burst, int historyDays, long now) {
    if (burst < 0 || burst > userCount) {
      throw new IllegalArgumentException("burst must be within 0.." + userCount + ": " + burst);
    }
    long start = now - historyDays * DAY;
    long span = now - start + 1;
    Rng rng = Rng.derive(seed, 1);
    long burstAt = start + span / 4 + rng.nextLong(Math.max(1, span / 2));
    User[] users = new User[userCount];
    long t = start;
    for (int serial = 0; serial < userCount; serial++) {
      boolean inBurst = serial < burst;
      if (!inBurst && (serial == burst || rng.nextDouble() < 0.35)) {
        t = start + rng.nextLong(span); // a new second; otherwise rows share the previous one
      }
      long updatedAt = inBurst ? burstAt : t;
      long createdAt =
          inBurst || rng.nextDouble() < 0.25
              ? updatedAt
              : updatedAt - rng.nextLong(MAX_ACCOUNT_AGE);
      users[serial] = newUser(seed, serial, rng, createdAt, updatedAt);
    }
    KeysetTable<User> userTable = InitialSort.users(seed, users);
    KeysetTable<Order> orderTable =
        InitialSort.orders(orders(seed, userCount / 2, userCount, start, span));
    return new Dataset(seed, ValuePools.shipped(), userTable, orderTable, burstAt);
  }

  static User newUser(long seed, long serial, Rng rng, long createdAt, long updatedAt) {
    return new User(
        User.idFor(seed, serial),
        serial,
        rng.nextInt(ValuePools.FIRST_NAMES),
        rng.nextInt(ValuePools.LAST_NAMES),
        rng.nextInt(ValuePools.DOMAINS),
        rng.nextInt(ValuePools.STREETS),
        rng.nextInt(ValuePools.CITIES),
        rng.nextInt(ValuePools.COMPANIES),
        rng.nextInt(ValuePools.JOBS),
        createdAt,
        updatedAt,
        User.NOT_DELETED);
  }

  private static Order[] orders(long seed, int count, int userCount, long start, long span) {
    Rng rng = Rng.derive(seed, 2);
    Order[] orders = new Order[count];
    long t = start * 1000;
    for (int i = 0; i < count; i++) {
      if (i == 0 || rng.nextDouble() < 0.5) {
        t = start * 1000 + rng.nextLong(span * 1000);
      }
      orders[i] = newOrder(seed, i + 1L, rng, userCount, t);
    }
    return orders;
  }

  static Order newOrder(long seed, long orderId, Rng rng, long userSerials, long modifiedAt) {
    long amount = (long) Math.exp(4.6 + rng.nextDouble() * 7.0);
    return new Order(
        orderId,
        User.idFor(seed, userSerials == 0 ? 0 : rng.nextLong(userSerials)),
        amount,
        Order.CURRENCIES[rng.nextInt(Order.CURRENCIES.length)],
        Order.STATUSES[rng.nextInt(Order.STATUSES.length)],
        modifiedAt);
  }

  public long seed() {
    return seed;
  }

  public ValuePools pools() {
    return pools;
  }

  public KeysetTable<User> users() {
    return users;
  }

  public KeysetTable<Order> orders() {
    return orders;
  }

  /** The second shared by the bulk-import burst. */
  public long burstAt() {
    return burstAt;
  }

  public Mutator mutator() {
    return mutator;
  }
}
