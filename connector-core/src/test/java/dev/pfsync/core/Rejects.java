package dev.pfsync.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rejected records for tests that only care how many a page had. */
public final class Rejects {
  private Rejects() {}

  /** {@code n} records of table {@code user} rejected for a bad {@code updatedAt}. */
  public static List<RejectedRecord> some(int n) {
    List<RejectedRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          new RejectedRecord(
              "user",
              Optional.of("bad-" + i),
              Optional.of("updatedAt"),
              "field updatedAt: unparsable UTC_DATETIME value \"yesterday\"",
              "{\"id\":\"bad-" + i + "\",\"updatedAt\":\"yesterday\"}"));
    }
    return out;
  }
}
