package dev.pfsync.connector.verify;

import dev.pfsync.core.TableBinding;
import java.net.URI;
import java.sql.Connection;
import java.util.Comparator;

/**
 * Compares a destination table with the mock API's {@code /admin/truth}: every declared column and
 * the tombstone mark, row for row, plus a SHA-256 checksum of each side.
 *
 * <p>Both sides are streamed in key order and merged, so memory stays flat whatever the size: the
 * truth comes ordered by key, the table is read with the same order ({@code COLLATE "C"} for text
 * keys, which is Java's order for the ASCII ids; numeric order for integer keys).
 */
public final class TruthComparer {
  static final int MAX_EXAMPLES = 5;

  private TruthComparer() {}

  /** Compares; {@code truthUrl} is the full URL of the truth endpoint for this table. */
  public static TruthComparison compare(
      URI truthUrl, TableBinding binding, Connection db, String schema) {
    Comparator<String> keyOrder = keyOrder(binding);
    try (TruthRows truth = TruthRows.open(truthUrl, binding);
        TableRows dest = TableRows.open(db, schema, binding)) {
      Tally tally = new Tally();
      CanonicalRow t = truth.next();
      CanonicalRow d = dest.next();
      while (t != null || d != null) {
        int cmp = t == null ? 1 : d == null ? -1 : keyOrder.compare(t.key(), d.key());
        if (cmp < 0) {
          tally.missing(t);
          t = truth.next();
        } else if (cmp > 0) {
          tally.extra(d);
          d = dest.next();
        } else {
          tally.both(t, d);
          t = truth.next();
          d = dest.next();
        }
      }
      return tally.result(binding.table());
    }
  }

  private static Comparator<String> keyOrder(TableBinding binding) {
    return switch (binding.keyType()) {
      case INT, LONG -> Comparator.comparingLong(Long::parseLong);
      default -> Comparator.naturalOrder();
    };
  }
}
