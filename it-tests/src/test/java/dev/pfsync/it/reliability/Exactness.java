package dev.pfsync.it.reliability;

import dev.pfsync.connector.UsersConnector;
import dev.pfsync.connector.verify.TruthComparer;
import dev.pfsync.connector.verify.TruthComparison;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The destination against {@code /admin/truth}, row for row over every column and the tombstone
 * mark ({@link TruthComparer}), turned into the table's figures: lost = truth rows missing or
 * different, doubled = destination rows the source does not have plus keys stored twice.
 */
record Exactness(long expected, long lost, long doubled, TruthComparison comparison) {

  static Exactness of(SourceApi api, Store store) {
    try (Connection c = store.db.connect()) {
      TruthComparison cmp =
          TruthComparer.compare(api.truthUri(), UsersConnector.USERS, c, store.schema);
      return new Exactness(
          cmp.truthRows(),
          cmp.missing() + cmp.different(),
          cmp.extra() + store.duplicateKeys(),
          cmp);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  boolean exact() {
    return lost == 0 && doubled == 0 && comparison.matches();
  }

  String describe() {
    return comparison.describe(UsersConnector.USERS)
        + (comparison.examples().isEmpty() ? "" : "\n  " + comparison.examples());
  }
}
