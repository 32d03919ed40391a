package dev.pfsync.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 4: the database fails under a running connector jar. Its backend (the session holding
 * the run lock, which applies the checkpoints) is terminated with {@code pg_terminate_backend} at
 * random instants; in the full campaign only, PostgreSQL itself is restarted mid-run (the server is
 * shared, so never in CI). Each hit run must end cleanly (exit 1 with a one-line error, no stack
 * trace) or reconnect and go on; its state claims exactly the stored rows; the runs after it
 * complete exact.
 */
@ExtendWith(ReliabilityTable.class)
class DatabaseFaultsIT {
  private static final Path PG_CTLCLUSTER = Path.of("/usr/bin/pg_ctlcluster");

  @Test
  void a_terminated_backend_or_restarted_server_fails_the_run_cleanly_and_the_next_run_is_exact()
      throws Exception {
    int users = Campaign.scale(10_000, 100_000);
    int terminations = Campaign.scale(3, 8);
    boolean restart = Campaign.full() && restartPossible();
    Random random = Campaign.random("database");
    Store store = Store.fresh("dbfault");
    List<String> problems = new ArrayList<>();
    try (SourceApi api = SourceApi.start(users)) {
      api.faults("{\"latency_ms\": 20}");
      List<UserKey> truth = api.truthKeys();
      List<String> args = new ArrayList<>(List.of("sync", "--until-complete"));
      args.add("--api-url=" + api.url());
      args.addAll(store.flags());
      args.addAll(List.of("--page-size=500", "--history-start=31d"));
      int runs = 0;
      int hits = 0;
      int restarts = 0;
      int cleanFailures = 0;
      int reconnects = 0;
      ConnectorProcess.Finished last = null;
      while (last == null || last.code() != 0 || hits < terminations + (restart ? 1 : 0)) {
        runs++;
        try (ConnectorProcess p = ConnectorProcess.start(args)) {
          boolean hit = false;
          while (p.isAlive() && hits < terminations + (restart ? 1 : 0)) {
            long target = store.count() + 300 + random.nextInt(1_500);
            while (p.isAlive() && store.count() < target) {
              TimeUnit.MILLISECONDS.sleep(20);
            }
            if (!p.isAlive()) {
              break;
            }
            if (restart && hits == terminations) {
              restartServer(problems);
              restarts++;
            } else if (store.terminateLockHolder() == 0) {
              continue; // between runs, no session held the lock: try again
            }
            hits++;
            hit = true;
            TimeUnit.MILLISECONDS.sleep(500);
          }
          int code = p.waitFor(Duration.ofMinutes(10));
          last = new ConnectorProcess.Finished(code, p.out(), p.err());
          if (hit && code == 0) {
            reconnects++;
          } else if (hit && code == 1 && !last.err().contains("\tat ")) {
            cleanFailures++;
          } else if (code != 0) {
            problems.add("run hit by a database fault did not end cleanly: " + last.describe());
          }
        }
        Coverage.mismatch(store.snapshot(), truth, InProcessSync.WINDOW)
            .ifPresent(m -> problems.add("after a database fault: " + m));
        if (runs > terminations * 4 + 10) {
          problems.add("no run completed after " + runs + " runs");
          break;
        }
      }
      api.clearFaults();
      Store.Runs r = store.runs();
      if (r.rowsApplied() != users || r.running() > hits) {
        problems.add("runs table: " + r + " (expected " + users + " rows applied once)");
      }
      Exactness exact = Exactness.of(api, store);
      if (!exact.exact()) {
        problems.add(exact.describe());
      }
      ReliabilityTable.record(
          new ScenarioResult(
              String.format(
                  "4. database: pg_terminate_backend x %d%s mid-run (%d runs failed cleanly, %d"
                      + " reconnected)",
                  hits - restarts,
                  restarts > 0 ? " + PostgreSQL restart x " + restarts : "",
                  cleanFailures,
                  reconnects),
              runs,
              hits,
              exact.expected(),
              exact.lost(),
              exact.doubled(),
              problems.isEmpty() ? "PASS" : "FAIL"));
      assertThat(problems).isEmpty();
    }
  }

  private static boolean restartPossible() {
    return Files.isExecutable(PG_CTLCLUSTER)
        && "root".equals(System.getProperty("user.name"))
        && Files.isDirectory(Path.of("/etc/postgresql/15/main"));
  }

  private static void restartServer(List<String> problems)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                PG_CTLCLUSTER.toString(), "--skip-systemctl-redirect", "15", "main", "restart")
            .redirectErrorStream(true)
            .start();
    if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
      problems.add(
          "pg_ctlcluster restart failed: " + new String(p.getInputStream().readAllBytes()));
    }
  }
}
