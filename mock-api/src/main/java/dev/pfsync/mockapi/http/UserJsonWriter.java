package dev.pfsync.mockapi.http;

import dev.pfsync.mockapi.data.User;
import dev.pfsync.mockapi.data.ValuePools;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/**
 * Writes a user exactly as {@link RowJson#user} does, as a few byte-array copies: every pool value
 * is escaped once, up front, together with the literal JSON that follows it in a row. Immutable, so
 * one serves all responses.
 */
final class UserJsonWriter {
  private static final byte[] ID = ascii("{\"id\":");
  private static final byte[] NAME = ascii(",\"name\":\"");
  private static final byte[] UPDATED = ascii("\",\"updatedAt\":\"");
  private static final byte[] DELETED = ascii("\",\"deletedAt\":\"");
  private static final byte[] NOT_DELETED = ascii("\",\"deletedAt\":null}");
  private static final byte[] END_DELETED = ascii("\"}");

  // Each holds a pool's escaped values with the literal text that follows them in a row.
  private final byte[][] firstName; // "Ann "
  private final byte[][] lastName; // "Lee","email":"
  private final byte[][] firstLocal; // "ann."
  private final byte[][] lastLocal; // "lee"
  private final byte[][] domain; // "@gmail.com","address":"
  private final byte[][] street; // "1 Main St, "
  private final byte[][] city; // "Springfield, IL 62701","company":"
  private final byte[][] company; // "Acme Inc","job":"
  private final byte[][] job; // "Clerk","createdAt":"

  UserJsonWriter(ValuePools pools) {
    firstName = table(pools.firstNames(), pools::firstName, "", " ");
    lastName = table(pools.lastNames(), pools::lastName, "", "\",\"email\":\"");
    firstLocal = table(pools.firstNames(), pools::firstLocal, "", ".");
    lastLocal = table(pools.lastNames(), pools::lastLocal, "", "");
    domain = table(pools.domains(), pools::domain, "@", "\",\"address\":\"");
    street = table(pools.streets(), pools::street, "", ", ");
    city = table(pools.cities(), pools::city, "", "\",\"company\":\"");
    company = table(pools.companies(), pools::company, "", "\",\"job\":\"");
    job = table(pools.jobs(), pools::job, "", "\",\"createdAt\":\"");
  }

  void user(JsonBuffer out, User u) {
    out.raw(ID);
    out.string(u.id());
    out.raw(NAME);
    out.raw(firstName[u.first()]);
    out.raw(lastName[u.last()]);
    out.raw(firstLocal[u.first()]);
    out.raw(lastLocal[u.last()]);
    out.decimal(u.serial());
    out.raw(domain[u.domain()]);
    out.raw(street[u.street()]);
    out.raw(city[u.city()]);
    out.raw(company[u.company()]);
    out.raw(job[u.job()]);
    out.isoSeconds(u.createdAt());
    out.raw(UPDATED);
    out.isoSeconds(u.updatedAt());
    if (u.deleted()) {
      out.raw(DELETED);
      out.isoSeconds(u.deletedAt());
      out.raw(END_DELETED);
    } else {
      out.raw(NOT_DELETED);
    }
  }

  private static byte[][] table(int size, IntFunction<String> value, String before, String after) {
    byte[][] t = new byte[size][];
    for (int i = 0; i < size; i++) {
      String s = value.apply(i);
      if (!s.isEmpty()
          && (Character.isLowSurrogate(s.charAt(0))
              || Character.isHighSurrogate(s.charAt(s.length() - 1)))) {
        // Half a pair at an edge could pair up with its neighbour in a row: not char by char.
        throw new IllegalStateException("pool value with a split surrogate pair: " + s);
      }
      // Only the value is escaped; the literals around it are JSON already.
      byte[] v = JsonBuffer.escaped(s);
      byte[] b = ascii(before);
      byte[] a = ascii(after);
      byte[] row = new byte[b.length + v.length + a.length];
      System.arraycopy(b, 0, row, 0, b.length);
      System.arraycopy(v, 0, row, b.length, v.length);
      System.arraycopy(a, 0, row, b.length + v.length, a.length);
      t[i] = row;
    }
    return t;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
