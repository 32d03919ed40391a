package dev.pfsync.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.ProtocolViolationException;
import dev.pfsync.core.RetriableException;
import dev.pfsync.core.http.HttpSourceConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 3: API faults injected through {@code PUT /admin/faults}, each alone and mixed, against
 * the sync engine wired as the CLI wires it but with a 500 ms read timeout and quick retries.
 * Transient faults must be ridden out to an exact destination; malformed pages and exhausted
 * retries must fail the run cleanly with the state at the last good checkpoint, and the run after
 * the faults are cleared must complete exact. Faults are counted from the client's retry warnings.
 */
@ExtendWith(ReliabilityTable.class)
class ApiFaultsIT {
  private static final int PAGE = 500;
  private static final String LATENCY = "{\"latency_ms\": 1000}"; // twice the read timeout
  private static int users;
  private static SourceApi api;
  private static List<UserKey> truth;

  @BeforeAll
  static void startApi() {
    users = Campaign.scale(5_000, 100_000);
    api = SourceApi.start(users);
    truth = api.truthKeys();
  }

  @AfterAll
  static void stopApi() {
    api.close();
  }

  @AfterEach
  void clearFaults() {
    api.clearFaults();
  }

  @Test
  void twenty_percent_of_503_answers_are_retried_to_an_exact_destination() {
    transientScenario("3a. API: 20% HTTP 503", "{\"error_rate\": 0.2, \"error_status\": 503}");
  }

  @Test
  void http_429_with_retry_after_is_waited_out_to_an_exact_destination() {
    Result r =
        transientScenario(
            "3b. API: 10% HTTP 429 + Retry-After 1s",
            "{\"error_rate\": 0.1, \"error_status\": 429, \"retry_after_s\": 1}");
    // Retry-After is honoured: the run waited at least ~1 s per 429 it met.
    assertThat(r.elapsed.toMillis()).isGreaterThanOrEqualTo(900L * r.faults);
  }

  @Test
  void answers_slower_than_the_read_timeout_are_retried_to_an_exact_destination() throws Exception {
    try (FaultPulser pulser =
        new FaultPulser(api, LATENCY, Duration.ofMillis(700), "{}", Duration.ofMillis(700))) {
      transientScenario("3c. API: latency 1000 ms > read timeout 500 ms, pulsed", null);
    }
  }

  @Test
  void dropped_connections_are_retried_to_an_exact_destination() {
    transientScenario("3d. API: 20% dropped connections (reset mid-body)", "{\"reset_rate\": 0.2}");
  }

  @Test
  void mixed_transient_faults_are_retried_to_an_exact_destination() throws Exception {
    String mixed =
        "{\"error_rate\": 0.1, \"error_status\": 503, \"reset_rate\": 0.1,"
            + " \"rate_limit_rps\": 40";
    try (FaultPulser pulser =
        new FaultPulser(
            api,
            mixed + ", \"latency_ms\": 1000}",
            Duration.ofMillis(500),
            mixed + "}",
            Duration.ofMillis(1500))) {
      transientScenario("3e. API: mixed 503 + resets + 429 rate limit + slow answers", null);
    }
  }

  @Test
  void malformed_pages_fail_the_run_cleanly_and_the_run_after_clearing_is_exact() {
    int cycles = Campaign.scale(2, 6);
    Store store = Store.fresh("malformed");
    List<String> problems = new ArrayList<>();
    int failedRuns = 0;
    api.faults("{\"malformed_rate\": 0.1}");
    for (int i = 0; i < cycles; i++) {
      InProcessSync.Outcome o = InProcessSync.run(config(), store, PAGE);
      if (o.failure().isPresent()) {
        failedRuns++;
        Throwable e = o.failure().get();
        if (!(e instanceof ProtocolViolationException) || !e.getMessage().contains("user")) {
          problems.add("malformed page failed the run with " + o.describe());
        }
        if (!store.lastRun().orElse("").startsWith("failed")) {
          problems.add("last run not recorded failed: " + store.lastRun());
        }
        Coverage.mismatch(store.snapshot(), truth, InProcessSync.WINDOW)
            .ifPresent(m -> problems.add("after a malformed page: " + m));
      }
    }
    if (failedRuns == 0) {
      problems.add("no malformed page was met in " + cycles + " runs");
    }
    api.clearFaults();
    InProcessSync.Outcome last = InProcessSync.run(config(), store, PAGE);
    if (!last.succeeded()) {
      problems.add("after clearing: " + last.describe());
    }
    record(
        "3f. API: 10% malformed pages, run fails cleanly, then cleared",
        cycles + 1, failedRuns, store, problems);
  }

  @Test
  void retries_exhausted_by_a_constant_timeout_fail_cleanly_and_the_next_run_is_exact() {
    Store store = Store.fresh("exhausted");
    List<String> problems = new ArrayList<>();
    InProcessSync.Outcome first = InProcessSync.run(config(), store, PAGE);
    if (!first.succeeded()) {
      problems.add("first run: " + first.describe());
    }
    // The backfill is done; a new incremental run meets a server slower than the read timeout.
    // Its bound is a whole second, so wait for the next one: else it has nothing to fetch.
    sleepPastTheSecond();
    api.faults(LATENCY);
    long faults;
    try (LogCapture log = new LogCapture()) {
      InProcessSync.Outcome o = InProcessSync.run(config().withMaxRetries(2), store, PAGE);
      faults = log.retries() + 1;
      if (!(o.failure().orElse(null) instanceof RetriableException)) {
        problems.add("a constant timeout ended the run with " + o.describe());
      }
    }
    Coverage.mismatch(store.snapshot(), truth, InProcessSync.WINDOW).ifPresent(problems::add);
    api.clearFaults();
    InProcessSync.Outcome last = InProcessSync.run(config(), store, PAGE);
    if (!last.succeeded()) {
      problems.add("after clearing: " + last.describe());
    }
    record("3g. API: constant timeout exhausts retries, then cleared", 3, faults, store, problems);
  }

  private static void sleepPastTheSecond() {
    try {
      Thread.sleep(1_100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Result transientScenario(String name, String faults) {
    Store store = Store.fresh("apifault");
    List<String> problems = new ArrayList<>();
    if (faults != null) {
      api.faults(faults);
    }
    InProcessSync.Outcome o;
    long seen;
    try (LogCapture log = new LogCapture()) {
      o = InProcessSync.run(config(), store, PAGE);
      seen = log.retries();
    }
    api.clearFaults();
    if (!o.succeeded()) {
      problems.add("the run did not ride out transient faults: " + o.describe());
    }
    if (seen == 0) {
      problems.add("no fault was met");
    }
    record(name, 1, seen, store, problems);
    return new Result(seen, o.elapsed());
  }

  private static HttpSourceConfig config() {
    return InProcessSync.faultTolerant(api.url());
  }

  private static void record(
      String name, int runs, long faults, Store store, List<String> problems) {
    Exactness exact = Exactness.of(api, store);
    if (!exact.exact()) {
      problems.add(exact.describe());
    }
    Store.Runs r = store.runs();
    if (r.running() != 0) {
      problems.add("runs left running: " + r);
    }
    ReliabilityTable.record(
        new ScenarioResult(
            name,
            runs,
            faults,
            exact.expected(),
            exact.lost(),
            exact.doubled(),
            problems.isEmpty() ? "PASS" : "FAIL"));
    assertThat(problems).isEmpty();
  }

  private record Result(long faults, Duration elapsed) {}
}
