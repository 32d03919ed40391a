package dev.pfsync.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.SyncException;
import dev.pfsync.mockapi.MockApiOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 6: hostile input both ways. The mock API's query parameters are fuzzed over raw HTTP
 * (only 200, 400 and 401 may answer, never a 500); and the connector is fed valid pages with one
 * corruption each ({@link Corruption}): every one must be skipped and counted or fail the run with
 * a {@link SyncException}, the destination must never hold a user the source does not have, and
 * after the corruption stops the next run must complete with at most the corrupted record missing
 * or as sent.
 */
@ExtendWith(ReliabilityTable.class)
class HostileInputIT {
  private static final String TOKEN = "fuzz-token";
  private static final Set<Integer> ALLOWED = Set.of(200, 400, 401);

  @Test
  void fuzzed_query_parameters_only_ever_answer_200_400_or_401() throws Exception {
    int requests = Campaign.scale(400, 5_000);
    Random random = Campaign.random("fuzz");
    Map<Integer, Integer> statuses = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    try (SourceApi api =
        SourceApi.start(MockApiOptions.defaults().withUsers(2_000).withToken(TOKEN))) {
      URI base = URI.create(api.url());
      for (int i = 0; i < requests; i++) {
        String target = QueryFuzzer.target(random);
        String auth =
            switch (random.nextInt(6)) {
              case 0 -> "";
              case 1 -> "Authorization: Bearer wrong\r\n";
              default -> "Authorization: Bearer " + TOKEN + "\r\n";
            };
        int status = get(base, target, auth);
        statuses.merge(status, 1, Integer::sum);
        if (!ALLOWED.contains(status) && problems.size() < 10) {
          problems.add(status + " for GET " + target.substring(0, Math.min(300, target.length())));
        }
      }
    }
    ReliabilityTable.record(
        new ScenarioResult(
            "6a. hostile input: fuzzed query parameters, statuses " + statuses,
            requests,
            requests,
            0,
            0,
            0,
            problems.isEmpty() ? "PASS" : "FAIL"));
    assertThat(problems).isEmpty();
  }

  @Test
  void corrupted_pages_are_skipped_and_counted_or_fail_the_run_cleanly() {
    int users = Campaign.scale(1_000, 20_000);
    Random random = Campaign.random("corrupt");
    List<String> problems = new ArrayList<>();
    long expected = 0;
    long lost = 0;
    long doubled = 0;
    int runs = 0;
    Map<String, Integer> outcomes = new TreeMap<>();
    Map<String, String> byKind = new java.util.LinkedHashMap<>();
    try (SourceApi api = SourceApi.start(users);
        PageProxy proxy = PageProxy.to(api.url())) {
      Set<String> truthIds =
          new java.util.HashSet<>(api.truthKeys().stream().map(UserKey::id).toList());
      for (Corruption c : Corruption.values()) {
        Store store = Store.fresh("corrupt");
        int victimPage = 1 + random.nextInt(4);
        int[] pages = {0};
        AtomicBoolean done = new AtomicBoolean();
        proxy.corrupt(
            body -> {
              if (done.get() || ++pages[0] < victimPage || body.length < 1_000) {
                return body;
              }
              done.set(true);
              return c.apply(body, random);
            });
        InProcessSync.Outcome o =
            InProcessSync.run(InProcessSync.faultTolerant(proxy.url()), store, 250);
        runs++;
        String outcome;
        if (o.failure().isPresent() && !(o.failure().get() instanceof SyncException)) {
          problems.add(c + ": unclean failure " + o.describe());
          outcome = "unclean";
        } else if (o.failure().isPresent()) {
          outcome = "failed";
        } else {
          outcome = o.skipped() > 0 ? "skipped" : "accepted";
        }
        outcomes.merge(outcome, 1, Integer::sum);
        byKind.put(c.name().toLowerCase(java.util.Locale.ROOT), outcome);
        long invented = store.rows().keySet().stream().filter(id -> !truthIds.contains(id)).count();
        if (invented > 0) {
          problems.add(c + ": " + invented + " stored users the source does not have");
        }
        proxy.corrupt(b -> b);
        InProcessSync.Outcome clean =
            InProcessSync.run(InProcessSync.faultTolerant(proxy.url()), store, 250);
        runs++;
        if (!clean.succeeded()) {
          problems.add(c + ": the run after the corruption: " + clean.describe());
        }
        Exactness exact = Exactness.of(api, store);
        long mayCost = outcome.equals("failed") ? 0 : c.rowsItMayCost();
        long unexplained = Math.max(0, exact.lost() - mayCost);
        expected += exact.expected();
        lost += unexplained;
        doubled += exact.doubled();
        if (unexplained > 0 || exact.doubled() > 0) {
          problems.add(c + " (" + outcome + "): " + exact.describe());
        }
      }
    }
    ReliabilityTable.record(
        new ScenarioResult(
            "6b. hostile input: "
                + Corruption.values().length
                + " kinds of corrupted page, outcomes "
                + outcomes
                + " (lost = beyond the corrupted record)",
            runs,
            Corruption.values().length,
            expected,
            lost,
            doubled,
            problems.isEmpty() ? "PASS" : "FAIL"));
    System.out.println("reliability: corrupted pages, outcome by kind: " + byKind);
    assertThat(problems).isEmpty();
  }

  /** One raw GET; returns the status of the answer (0 when the server closed without one). */
  private static int get(URI base, String target, String auth) throws IOException {
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET "
                  + target
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + auth
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
      String line = in.readLine();
      if (line == null || line.length() < 12) {
        return 0;
      }
      return Integer.parseInt(line.substring(9, 12));
    }
  }
}
