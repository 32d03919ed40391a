package dev.pfsync.it.reliability;

import java.time.Instant;
import java.util.Comparator;

/** A user's keyset position {@code (updatedAt, id)}, ordered as the API pages. */
record UserKey(Instant updatedAt, String id) implements Comparable<UserKey> {
  private static final Comparator<UserKey> ORDER =
      Comparator.comparing(UserKey::updatedAt).thenComparing(UserKey::id);

  @Override
  public int compareTo(UserKey o) {
    return ORDER.compare(this, o);
  }
}
