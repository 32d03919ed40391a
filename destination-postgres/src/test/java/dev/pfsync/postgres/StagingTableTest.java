package dev.pfsync.postgres;

import static dev.pfsync.postgres.Users.T0;
import static dev.pfsync.postgres.Users.checkpoint;
import static dev.pfsync.postgres.Users.state;
import static dev.pfsync.postgres.Users.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.postgres.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The general path's staging table lives for one transaction: behind a transaction pooler the next
 * transaction may run on another server session, where a table kept from before would be missing
 * (or another client's would be found).
 */
class StagingTableTest {
  private final TestDatabase db = TestDatabase.get();
  private final String schema = db.freshSchema("staging");

  @Test
  void the_general_path_leaves_no_temporary_table_behind_its_transaction() {
    try (PostgresDestination d = new PostgresDestination(db.config(schema))) {
      d.open(db.connectorId("staging"), List.of(Users.SCHEMA));
      for (int n = 1; n <= 3; n++) {
        // Two versions of one key: not unique, so the batch goes through the staging table.
        d.apply(
            checkpoint(state(n), user("a", "Ann" + n, T0.plusSeconds(n)), user("a", "Ann", T0)));

        assertThat(
                Db.count(
                    "SELECT count(*) FROM pg_class"
                        + " WHERE relpersistence = 't' AND relname LIKE '\\_pfsync\\_stage\\_%'"))
            .isZero();
      }
      assertThat(Db.value("SELECT name FROM " + schema + ".\"user\" WHERE id = 'a'"))
          .isEqualTo("Ann3");
    }
  }
}
