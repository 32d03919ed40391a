package dev.pfsync.mockapi.data;

/**
 * One user version: pool indices plus timestamps in epoch seconds. Text fields are rendered by
 * {@link ValuePools}.
 *
 * @param id 16 lowercase hex chars; byte order equals {@link String#compareTo} order
 * @param serial creation number, unique; makes the email unique
 * @param deletedAt epoch second of deletion, or {@link #NOT_DELETED}
 */
public record User(
    String id,
    long serial,
    int first,
    int last,
    int domain,
    int street,
    int city,
    int company,
    int job,
    long createdAt,
    long updatedAt,
    long deletedAt) {

  public static final long NOT_DELETED = Long.MIN_VALUE;

  public User {
    if (createdAt > updatedAt) {
      throw new IllegalArgumentException("createdAt after updatedAt for " + id);
    }
  }

  public boolean deleted() {
    return deletedAt != NOT_DELETED;
  }

  /** The id of the user with this serial under this seed: a bijective scramble, so unique. */
  public static String idFor(long seed, long serial) {
    return hex(idBits(seed, serial));
  }

  /** The 64 bits behind {@link #idFor}; unsigned order of the bits is the order of the ids. */
  static long idBits(long seed, long serial) {
    return Rng.mix(idBase(seed) + serial);
  }

  /** The serial behind {@link #idBits}. */
  static long serialOf(long seed, long idBits) {
    return Rng.unmix(idBits) - idBase(seed);
  }

  private static long idBase(long seed) {
    return Rng.mix(seed ^ 0x5DEECE66DL);
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  static String hex(long bits) {
    char[] c = new char[16];
    for (int i = 15; i >= 0; i--, bits >>>= 4) {
      c[i] = HEX[(int) (bits & 0xF)];
    }
    return new String(c);
  }

  /** Order of the keyset: {@code (updatedAt, id)}. */
  public static int compareKey(User a, User b) {
    int c = Long.compare(a.updatedAt, b.updatedAt);
    return c != 0 ? c : a.id.compareTo(b.id);
  }

  public static int compareId(User a, User b) {
    return a.id.compareTo(b.id);
  }

  User withUpdate(
      int newFirst, int newLast, int newStreet, int newCity, int newCompany, int newJob, long now) {
    return new User(
        id,
        serial,
        newFirst,
        newLast,
        domain,
        newStreet,
        newCity,
        newCompany,
        newJob,
        Math.min(createdAt, now),
        now,
        deletedAt);
  }

  User asDeleted(long now) {
    return new User(
        id,
        serial,
        first,
        last,
        domain,
        street,
        city,
        company,
        job,
        Math.min(createdAt, now),
        now,
        now);
  }
}
