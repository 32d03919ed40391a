package dev.pfsync.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.SyncMode;
import dev.pfsync.postgres.testing.TestDatabase;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TableStatsTest {
  private final TestDatabase db = TestDatabase.get();
  private PostgresDestination destination;

  @BeforeEach
  void setUp() {
    destination = new PostgresDestination(db.config(db.freshSchema("stats")));
  }

  @AfterEach
  void tearDown() {
    destination.close();
  }

  @Test
  void an_absent_table_holds_nothing() {
    assertThat(destination.tableStats(Users.SCHEMA))
        .isEqualTo(new TableStats(0, 0, Optional.empty(), Optional.empty()));
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
            new TableStats(3, 1, Optional.of(Users.T0), Optional.of(Users.T0.plusSeconds(20))));
  }
}
