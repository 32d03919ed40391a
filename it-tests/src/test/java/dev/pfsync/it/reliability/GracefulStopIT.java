package dev.pfsync.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 2: SIGTERM and SIGINT (Ctrl-C) in the middle of a {@code sync --until-complete} of the
 * connector jar. Each stop must come at a checkpoint: exit 143 / 130 within seconds, the run
 * recorded as {@code stopped} (none left {@code running}), a state that claims exactly the stored
 * rows and that {@code state} prints; the next run resumes, and the last one completes exact.
 */
@ExtendWith(ReliabilityTable.class)
class GracefulStopIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void sigterm_and_ctrl_c_stop_at_a_checkpoint_with_the_signal_exit_code_and_a_resumable_state()
      throws Exception {
    int users = Campaign.scale(20_000, 100_000);
    int stops = Campaign.scale(2, 8);
    Random random = Campaign.random("graceful");
    Store store = Store.fresh("stop");
    List<String> problems = new ArrayList<>();
    try (SourceApi api = SourceApi.start(users)) {
      // Slow pages so each run is long enough to be interrupted mid-way.
      api.faults("{\"latency_ms\": 40}");
      List<UserKey> truth = api.truthKeys();
      List<String> args = new ArrayList<>(List.of("sync", "--until-complete"));
      args.add("--api-url=" + api.url());
      args.addAll(store.flags());
      args.addAll(List.of("--page-size=500", "--history-start=31d"));
      int runs = 0;
      long maxStopMillis = 0;
      for (int i = 0; i < stops; i++) {
        String signal = i % 2 == 0 ? "TERM" : "INT";
        int expectedCode = signal.equals("TERM") ? 143 : 130;
        long before = store.count();
        long wantRows = before + 500 + random.nextInt(2_000);
        runs++;
        try (ConnectorProcess p = ConnectorProcess.start(args)) {
          while (p.isAlive() && store.count() < wantRows) {
            Thread.sleep(25);
          }
          if (!p.isAlive()) {
            problems.add("run ended before the " + signal + ": exit " + p.waitFor(Duration.ZERO));
            continue;
          }
          long t0 = System.nanoTime();
          p.signal(signal);
          int code = p.waitFor(Duration.ofSeconds(60));
          long stopMillis = (System.nanoTime() - t0) / 1_000_000;
          maxStopMillis = Math.max(maxStopMillis, stopMillis);
          if (code != expectedCode) {
            problems.add("SIG" + signal + " -> exit " + code + " (expected " + expectedCode + ")");
          }
          if (!p.out().contains("stopped")) {
            problems.add("SIG" + signal + ": summary does not say stopped: " + p.out());
          }
        }
        String lastRun = store.lastRun().orElse("none");
        // A signal between two runs of --until-complete leaves the last one succeeded.
        if (!lastRun.startsWith("stopped") && !lastRun.startsWith("succeeded")) {
          problems.add("SIG" + signal + ": last run is '" + lastRun + "', expected stopped");
        }
        if (store.runs().running() != 0) {
          problems.add("SIG" + signal + ": a run was left 'running': " + store.runs());
        }
        Coverage.mismatch(store.snapshot(), truth, InProcessSync.WINDOW)
            .ifPresent(m -> problems.add("SIG" + signal + ": " + m));
        List<String> stateArgs = new ArrayList<>(List.of("state"));
        stateArgs.addAll(store.flags());
        ConnectorProcess.Finished state = ConnectorProcess.run(stateArgs, Duration.ofMinutes(2));
        runs++;
        checkState(state, store, problems);
      }
      api.clearFaults();
      runs++;
      ConnectorProcess.Finished last = ConnectorProcess.run(args, Duration.ofMinutes(10));
      if (last.code() != 0) {
        problems.add("resumed run: " + last.describe());
      }
      Store.Runs r = store.runs();
      if (r.rowsApplied() != users || r.failed() != 0 || r.running() != 0) {
        problems.add("runs table: " + r + " (expected " + users + " rows applied once)");
      }
      Exactness exact = Exactness.of(api, store);
      if (!exact.exact()) {
        problems.add(exact.describe());
      }
      ReliabilityTable.record(
          new ScenarioResult(
              String.format(
                  "2. graceful stop: SIGTERM/SIGINT x %d mid-run (exit 143/130, slowest stop %,d"
                      + " ms), then resume",
                  stops, maxStopMillis),
              runs,
              stops,
              exact.expected(),
              exact.lost(),
              exact.doubled(),
              problems.isEmpty() ? "PASS" : "FAIL"));
      assertThat(problems).isEmpty();
    }
  }

  private static void checkState(
      ConnectorProcess.Finished state, Store store, List<String> problems) {
    if (state.code() != 0) {
      problems.add("state: " + state.describe());
      return;
    }
    try {
      String printed = JSON.readTree(state.out()).toString();
      String stored = JSON.readTree(store.state().orElseThrow()).toString();
      if (!JSON.readTree(printed).equals(JSON.readTree(stored))) {
        problems.add("state prints " + printed + " but stores " + stored + "; " + state.describe());
      }
    } catch (Exception e) {
      problems.add("state output is not the state JSON: " + state.out());
    }
  }
}
