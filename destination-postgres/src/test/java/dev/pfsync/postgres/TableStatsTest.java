package dev.pfsync.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.SyncMode;
import dev.pfsync.postgres.internal.Maintenance;
import dev.pfsync.postgres.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TableStatsTest {
  private final TestDatabase db = TestDatabase.get();
  private PostgresDestination destination;
  private String schema;

  @BeforeEach
  void setUp() {
    schema = db.freshSchema("stats");
    destination = new PostgresDestination(db.config(schema));
  }

  @AfterEach
  void tearDown() {
    destination.close();
  }

  @Test
  void an_absent_table_holds_nothing() {
    assertThat(destination.tableStats(Users.SCHEMA))
        .isEqualTo(new TableStats(0, 0, Optional.empty(), Optional.empty(), true));
  }

  @Test
  void counts_rows_and_tombstones_and_gives_the_cursor_range() {
    destination.open(db.connectorId("stats"), List.of(Users.SCHEMA));
    destination.startRun(SyncMode.INCREMENTAL);
    destination.apply(
        Users.checkpoint(
            "{}",
            Users.user("a", "Ann", Users.T0),
            Users.user("b", "Bob", Users.T0.plusSeconds(10)),
            Users.tombstone("c", "Cy", Users.T0.plusSeconds(20))));
    assertThat(destination.tableStats(Users.SCHEMA))
        .isEqualTo(
            new TableStats(
                3, 1, Optional.of(Users.T0), Optional.of(Users.T0.plusSeconds(20)), true));
  }

  @Test
  void a_table_too_big_to_count_in_time_gets_the_planners_estimate() {
    destination.open(db.connectorId("stats"), List.of(Users.SCHEMA));
    String table = "\"" + schema + "\".\"user\"";
    db.execute(
        "INSERT INTO "
            + table
            + " (id, name, updated_at) SELECT 'g' || i, 'n', now() FROM generate_series(1, 300000) i",
        "ANALYZE " + table);

    TableStats quick =
        Maintenance.tableStats(db.config(schema), Users.SCHEMA, Duration.ofMillis(1));
    assertThat(quick.exact()).isFalse();
    assertThat(quick.rows()).isBetween(250_000L, 350_000L); // an estimate, close after ANALYZE
    assertThat(quick.oldest()).isEmpty();

    TableStats counted = destination.tableStats(Users.SCHEMA); // the 2 s the CLI allows
    assertThat(counted.exact()).isTrue();
    assertThat(counted.rows()).isEqualTo(300_000);
  }
}
