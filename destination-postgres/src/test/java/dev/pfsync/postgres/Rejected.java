package dev.pfsync.postgres;

import dev.pfsync.core.RejectedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rejected records for tests that only care how many a checkpoint had. */
final class Rejected {
  private Rejected() {}

  /** {@code n} records of table {@code user} rejected by the source for a bad timestamp. */
  static List<RejectedRecord> some(long n) {
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
