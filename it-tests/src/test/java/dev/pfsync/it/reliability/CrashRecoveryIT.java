package dev.pfsync.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 1: the connector jar killed with SIGKILL at random instants, restarted each time until
 * the backfill completes. Checked after every kill: the stored state claims exactly the stored rows
 * ({@link Coverage}); after every restart: the users served again (seen by {@link PageProxy}) are
 * at most one page; at the end: the destination equals {@code /admin/truth} and the runs table
 * counts every row applied exactly once.
 */
@ExtendWith(ReliabilityTable.class)
class CrashRecoveryIT {
  private static final int PAGE = 1000;

  @Test
  void a_sync_killed_at_random_instants_resumes_to_the_exact_truth_rereading_at_most_one_page()
      throws Exception {
    int users = Campaign.scale(20_000, 200_000);
    int kills = Campaign.scale(5, 30);
    Random random = Campaign.random("crash");
    Store store = Store.fresh("crash");
    List<String> problems = new ArrayList<>();
    try (SourceApi api = SourceApi.start(users);
        PageProxy proxy = PageProxy.to(api.url())) {
      List<UserKey> truth = api.truthKeys();
      List<String> args = new ArrayList<>(List.of("sync", "--until-complete"));
      args.add("--api-url=" + proxy.url());
      args.addAll(store.flags());
      args.addAll(List.of("--page-size=" + PAGE, "--history-start=31d", "--window=1d"));

      int runs = 0;
      int killed = 0;
      int killedMidRun = 0;
      long maxRefetch = 0;
      long totalRefetch = 0;
      // Refined from each lifetime (the fastest seen). Start high: an estimate below the real rate
      // puts kills late, and a run may then finish before the remaining kills can land.
      double rowsPerSecond = 40_000;
      long stored = 0;
      ConnectorProcess.Finished last = null;
      while (last == null) {
        int epoch = proxy.nextEpoch();
        runs++;
        try (ConnectorProcess p = ConnectorProcess.start(args)) {
          boolean midRun = false;
          if (killed < kills) {
            if (random.nextInt(5) == 0) {
              // One kill in five lands in start-up: JVM, Flyway, lock, the first request (at the
              // latest then: a small sync can be over before a late start-up instant).
              long at = 100 + random.nextInt(1_500);
              while (p.isAlive()
                  && p.age().toMillis() < at
                  && proxy.firstRequestNanos(epoch).isEmpty()) {
                Thread.sleep(2);
              }
            } else {
              // The others at a random instant after the first request, sized so the remaining
              // rows spread over the remaining kills.
              while (p.isAlive() && proxy.firstRequestNanos(epoch).isEmpty()) {
                Thread.sleep(5);
              }
              double spread = 1.5 * (users - stored) / (kills - killed + 5) / rowsPerSecond;
              sleepUntil(p, p.age().toMillis() + (long) (random.nextDouble() * spread * 1000));
            }
            midRun = proxy.firstRequestNanos(epoch).isPresent();
          }
          if (killed < kills && p.isAlive()) {
            p.signal("KILL");
            p.waitFor(Duration.ofSeconds(30));
            killed++;
            killedMidRun += midRun ? 1 : 0;
            Store.Snapshot snapshot = store.snapshot();
            long progress = snapshot.rows().size() - stored;
            if (midRun) {
              double life =
                  Math.max(0.2, (System.nanoTime() - proxy.firstRequestNanos(epoch).get()) / 1e9);
              rowsPerSecond = Math.max(rowsPerSecond, progress / life);
            }
            stored = snapshot.rows().size();
            Coverage.mismatch(snapshot, truth, InProcessSync.WINDOW)
                .ifPresent(m -> problems.add("after kill " + epoch + ": " + m));
          } else {
            int code = p.waitFor(Duration.ofMinutes(Campaign.scale(4, 15)));
            last = new ConnectorProcess.Finished(code, p.out(), p.err());
          }
        }
        long again = proxy.refetchedIn(epoch);
        totalRefetch += again;
        maxRefetch = Math.max(maxRefetch, again);
        if (again > PAGE) {
          problems.add(
              "restart "
                  + epoch
                  + " fetched "
                  + again
                  + " rows again: more than one page of "
                  + PAGE
                  + " (docs/CONTRACTS.md: the restart re-reads at most one page)");
        }
      }
      if (last.code() != 0) {
        problems.add("final run: " + last.describe());
      }
      if (killed < kills) {
        problems.add("the sync completed after only " + killed + " of " + kills + " kills");
      }
      if (proxy.repeatedInEpoch() != 0) {
        problems.add(proxy.repeatedInEpoch() + " rows served twice to one process");
      }
      Store.Runs r = store.runs();
      if (r.rowsApplied() != users || r.failed() != 0 || r.running() > killed) {
        problems.add("runs table: " + r + " (expected " + users + " rows applied once)");
      }
      Exactness exact = Exactness.of(api, store);
      if (!exact.exact()) {
        problems.add(exact.describe());
      }
      String name =
          String.format(
              "1. crash: SIGKILL at %d random instants (%d mid-run, %d in start-up), %,d users"
                  + " (rows fetched again per restart: max %,d, total %,d; page %,d)",
              killed, killedMidRun, killed - killedMidRun, users, maxRefetch, totalRefetch, PAGE);
      ReliabilityTable.record(
          new ScenarioResult(
              name,
              runs,
              killed,
              exact.expected(),
              exact.lost(),
              exact.doubled(),
              problems.isEmpty() ? "PASS" : "FAIL"));
      assertThat(problems).isEmpty();
    }
  }

  /** Sleeps until the process is {@code ms} old, or exits. */
  static void sleepUntil(ConnectorProcess p, long ms) {
    while (p.isAlive() && p.age().toMillis() < ms) {
      try {
        Thread.sleep(Math.min(20, Math.max(1, ms - p.age().toMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
