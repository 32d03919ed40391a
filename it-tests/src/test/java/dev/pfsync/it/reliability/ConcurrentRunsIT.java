package dev.pfsync.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.connector.UsersConnector;
import dev.pfsync.core.TableBinding;
import dev.pfsync.postgres.PostgresDestination;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 5: several runs of one connector id at once. While a run holds the connector's lock,
 * every other run exits 1 with a clear message and touches nothing; when several jars start
 * together, exactly one proceeds and completes exact.
 */
@ExtendWith(ReliabilityTable.class)
class ConcurrentRunsIT {

  @Test
  void of_several_runs_on_one_connector_id_exactly_one_proceeds() throws Exception {
    int users = Campaign.scale(5_000, 50_000);
    int racers = Campaign.scale(3, 5);
    Store store = Store.fresh("concurrent");
    List<String> problems = new ArrayList<>();
    try (SourceApi api = SourceApi.start(users)) {
      List<String> args = new ArrayList<>(List.of("sync", "--until-complete"));
      args.add("--api-url=" + api.url());
      args.addAll(store.flags());
      args.addAll(List.of("--page-size=500", "--history-start=31d"));
      int runs = 0;

      // 1. A run in progress (this JVM holds the lock): every jar started meanwhile is refused.
      try (PostgresDestination holder = new PostgresDestination(store.db.config(store.schema))) {
        holder.open(
            store.connectorId, UsersConnector.tables().stream().map(TableBinding::schema).toList());
        List<ConnectorProcess> blocked = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
          blocked.add(ConnectorProcess.start(args));
        }
        for (ConnectorProcess p : blocked) {
          try (p) {
            runs++;
            int code = p.waitFor(Duration.ofMinutes(2));
            if (code != 1 || !p.err().contains("already running")) {
              problems.add("while locked: exit " + code + ", stderr " + p.err().strip());
            }
          }
        }
        if (store.runs().total() != 0 || store.state().isPresent() || store.count() != 0) {
          problems.add("a refused run touched the destination: " + store.runs());
        }
      }

      // 2. A race: all start together; pages are slowed so the winner outlasts the others' start.
      api.faults("{\"latency_ms\": 60}");
      List<ConnectorProcess> race = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        race.add(ConnectorProcess.start(args));
      }
      int winners = 0;
      int refused = 0;
      for (ConnectorProcess p : race) {
        try (p) {
          runs++;
          int code = p.waitFor(Duration.ofMinutes(10));
          if (code == 0) {
            winners++;
          } else if (code == 1 && p.err().contains("already running")) {
            refused++;
          } else {
            problems.add("racer: exit " + code + ", stderr " + p.err().strip());
          }
        }
      }
      if (winners != 1 || refused != racers - 1) {
        problems.add(winners + " racers proceeded and " + refused + " were refused");
      }
      api.clearFaults();
      Store.Runs r = store.runs();
      if (r.failed() != 0 || r.running() != 0 || r.rowsApplied() != users) {
        problems.add("runs table: " + r);
      }
      Exactness exact = Exactness.of(api, store);
      if (!exact.exact()) {
        problems.add(exact.describe());
      }
      ReliabilityTable.record(
          new ScenarioResult(
              String.format(
                  "5. concurrent runs: %d jars while the lock is held, then %d racing (one"
                      + " proceeds)",
                  racers, racers),
              runs,
              2L * racers - 1,
              exact.expected(),
              exact.lost(),
              exact.doubled(),
              problems.isEmpty() ? "PASS" : "FAIL"));
      assertThat(problems).isEmpty();
    }
  }
}
