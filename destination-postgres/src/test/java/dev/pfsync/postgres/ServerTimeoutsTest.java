package dev.pfsync.postgres;

import static dev.pfsync.postgres.Users.T0;
import static dev.pfsync.postgres.Users.checkpoint;
import static dev.pfsync.postgres.Users.state;
import static dev.pfsync.postgres.Users.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.Checkpoint;
import dev.pfsync.core.Row;
import dev.pfsync.postgres.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint transaction waits on the API between rows; the server's statement and
 * idle-in-transaction timeouts (here 500 ms, set for the session by the URL) must not end it.
 */
class ServerTimeoutsTest {
  private static final String SHORT_TIMEOUTS =
      "options=-c%20statement_timeout%3D500%20-c%20idle_in_transaction_session_timeout%3D500";

  private final TestDatabase db = TestDatabase.get().withParameters(SHORT_TIMEOUTS);
  private final String schema = db.freshSchema("timeouts");
  private final String connector = db.connectorId("timeouts");

  @Test
  void a_streamed_checkpoint_whose_rows_arrive_slower_than_the_server_timeouts_commits() {
    try (PostgresDestination d = new PostgresDestination(db.config(schema))) {
      d.open(connector, List.of(Users.SCHEMA));
      d.apply(checkpoint(state(1), user("a", "Ann", T0)));

      List<Row> rows = List.of(user("b", "Bob", T0), user("c", "Cid", T0));
      int[] next = {0};
      d.apply(
          "user",
          () -> {
            if (next[0] == 1) {
              sleep(1_500); // the API is slow to send the last row
            }
            return next[0] < rows.size() ? rows.get(next[0]++) : null;
          },
          unstorable -> new Checkpoint(List.of(), state(2), List.of()));

      assertThat(d.reloadState()).hasValue("{\"n\": 2, \"version\": 1}");
      assertThat(Db.count("SELECT count(*) FROM " + schema + ".\"user\"")).isEqualTo(3);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
