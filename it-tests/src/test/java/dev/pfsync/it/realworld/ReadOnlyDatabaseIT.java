package dev.pfsync.it.realworld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.it.support.CliResult;
import dev.pfsync.it.support.InProcessCli;
import dev.pfsync.it.support.MockApi;
import dev.pfsync.it.support.SyncTarget;
import dev.pfsync.postgres.testing.TestDatabase;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * A read-only database (a standby, or read-only by default) is bad configuration: exit 2, one line.
 */
class ReadOnlyDatabaseIT {

  @Test
  void a_read_only_database_exits_2_with_one_line() {
    try (MockApi api = MockApi.wallClock(100)) {
      TestDatabase db = TestDatabase.get();
      TestDatabase readOnly = db.withParameters("options=-c%20default_transaction_read_only%3Don");
      SyncTarget target =
          new SyncTarget(readOnly, db.freshSchema("read_only"), db.connectorId("read-only"));

      CliResult sync = InProcessCli.run(Clock.systemUTC(), target.args("sync", api));

      assertThat(sync.exitCode()).as(sync.describe()).isEqualTo(2);
      assertThat(sync.errLines()).hasSize(1);
      assertThat(sync.err()).contains("read-only");
    }
  }
}
