package dev.pfsync.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.RunStatus;
import dev.pfsync.core.SyncMode;
import dev.pfsync.postgres.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A run whose process died stays 'running' only until the connector's next open. */
class AbandonedRunsTest {
  private final TestDatabase db = TestDatabase.get();
  private final String schema = db.freshSchema("abandoned");
  private final String connector = db.connectorId("abandoned");

  private List<Map<String, Object>> runs() {
    return Db.query(
        "SELECT status, finished_at IS NOT NULL AS finished, message FROM _pfsync.runs"
            + " WHERE connector_id = ? ORDER BY id",
        connector);
  }

  @Test
  void the_next_open_marks_runs_left_running_as_abandoned_and_leaves_finished_ones_alone() {
    try (PostgresDestination first = new PostgresDestination(db.config(schema))) {
      first.open(connector, List.of(Users.SCHEMA));
      first.startRun(SyncMode.INCREMENTAL);
      first.finishRun(RunStatus.SUCCEEDED, Optional.empty());
      first.startRun(SyncMode.HISTORICAL);
      // closed without finishRun: what a killed process leaves behind
    }
    assertThat(runs()).extracting(r -> r.get("status")).containsExactly("succeeded", "running");

    try (PostgresDestination next = new PostgresDestination(db.config(schema))) {
      next.open(connector, List.of(Users.SCHEMA));
      assertThat(runs()).extracting(r -> r.get("status")).containsExactly("succeeded", "abandoned");
      assertThat(runs().get(1).get("finished")).isEqualTo(true);
      assertThat((String) runs().get(1).get("message")).contains("ended without finishing");

      next.startRun(SyncMode.INCREMENTAL);
      assertThat(runs())
          .extracting(r -> r.get("status"))
          .as("the current run is not touched")
          .containsExactly("succeeded", "abandoned", "running");
    }
  }

  @Test
  void another_connectors_running_run_is_not_touched() {
    String other = db.connectorId("abandoned-other");
    try (PostgresDestination running = new PostgresDestination(db.config(schema))) {
      running.open(other, List.of(Users.SCHEMA));
      running.startRun(SyncMode.INCREMENTAL);
      try (PostgresDestination mine = new PostgresDestination(db.config(schema))) {
        mine.open(connector, List.of(Users.SCHEMA));
      }
      assertThat(Db.query("SELECT status FROM _pfsync.runs WHERE connector_id = ?", other).get(0))
          .containsEntry("status", "running");
      running.finishRun(RunStatus.SUCCEEDED, Optional.empty());
    }
  }
}
