package dev.pfsync.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.Checkpoint;
import dev.pfsync.core.Row;
import dev.pfsync.core.TableChanges;
import dev.pfsync.postgres.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LargeCheckpointTest {
  private final TestDatabase db = TestDatabase.get();

  @Test
  void a_checkpoint_of_100k_rows_lands_whole_in_one_transaction() {
    String schema = db.freshSchema("large");
    List<Row> rows = new ArrayList<>(100_000);
    for (int i = 0; i < 100_000; i++) {
      Row r = Users.user(String.format("u%06d", i), "name " + i, Users.T0.plusSeconds(i % 977));
      rows.add(i % 10 == 0 ? Users.tombstone(String.format("u%06d", i), "x", Users.T0) : r);
    }
    try (PostgresDestination d = new PostgresDestination(db.config(schema))) {
      d.open(db.connectorId("large"), List.of(Users.SCHEMA));
      d.startRun(dev.pfsync.core.SyncMode.HISTORICAL);

      d.apply(
          new Checkpoint(List.of(new TableChanges("user", rows)), "{\"big\": true}", List.of()));
    }

    String table = "\"" + schema + "\".\"user\"";
    assertThat(Db.count("SELECT count(*) FROM " + table)).isEqualTo(100_000);
    assertThat(Db.count("SELECT count(*) FROM " + table + " WHERE _pfsync_deleted"))
        .isEqualTo(10_000);
    assertThat(Db.value("SELECT name FROM " + table + " WHERE id = 'u099999'"))
        .isEqualTo("name 99999");
  }
}
