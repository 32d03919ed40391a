package dev.pfsync.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pfsync.mockapi.MockApiOptions;
import dev.pfsync.postgres.PostgresDestination;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 7: SQL crafted into field names, values, the connector id and the schema ends up as data
 * or is refused, never run; the API token and the database password appear in no output of any
 * command (help, sync with debug logs, state, check, failures), nor in the stored state or runs.
 */
@ExtendWith(ReliabilityTable.class)
class InjectionAndSecretsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EVIL_VALUE = "x\"; DROP TABLE _pfsync.state; --'); DROP SCHEMA x; --";
  private static final String EVIL_FIELD = "x\"; drop table _pfsync.runs; --";

  @Test
  void sql_in_names_and_values_is_stored_as_data_and_secrets_are_never_printed() throws Exception {
    int users = Campaign.scale(5_000, 20_000);
    Random random = Campaign.random("secrets");
    String token = "tokSECRET" + HexFormat.of().toHexDigits(random.nextLong());
    String password = "pwSECRET" + HexFormat.of().toHexDigits(random.nextLong());
    Store store = Store.fresh("inject", "x'); DELETE FROM _pfsync.state; --");
    List<String> problems = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    int runs = 0;
    try (SourceApi api =
            SourceApi.start(MockApiOptions.defaults().withUsers(users).withToken(token));
        PageProxy proxy = PageProxy.to(api.url())) {
      proxy.corrupt(InjectionAndSecretsIT::inject);
      List<String> base = new ArrayList<>(store.flags());
      base.addAll(List.of("--api-url=" + proxy.url(), "--history-start=31d"));
      List<String> withSecrets = new ArrayList<>(base);
      withSecrets.addAll(List.of("--api-token=" + token, "--db-password=" + password));

      ConnectorProcess.Finished sync =
          run(
              outputs,
              Map.of(),
              Duration.ofMinutes(5),
              withSecrets,
              "sync",
              "--until-complete",
              "--verbose");
      runs++;
      if (sync.code() != 0) {
        problems.add("sync with crafted names and values: " + sync.describe());
      }
      checkStoredAsData(store, users, problems);

      Map<String, String> env = Map.of("PFSYNC_API_TOKEN", token, "PFSYNC_DB_PASSWORD", password);
      run(outputs, env, Duration.ofMinutes(2), List.of(), "--help");
      run(outputs, env, Duration.ofMinutes(2), List.of(), "sync", "--help");
      run(outputs, env, Duration.ofMinutes(2), base, "state", "--verbose");
      run(outputs, env, Duration.ofMinutes(2), base, "check", "--verbose");
      run(outputs, env, Duration.ofMinutes(2), base, "sync", "--verbose");
      // An incremental run whose window is empty sends no request at all: the window ends at
      // now - settle, in whole seconds, so a run started within the second of the previous one
      // finds nothing to ask and cannot meet the wrong token. A second later it must ask.
      Thread.sleep(1_100);
      List<String> wrongToken = new ArrayList<>(base);
      wrongToken.addAll(List.of("--api-token=" + token + "x", "--db-password=" + password));
      ConnectorProcess.Finished refused =
          run(outputs, Map.of(), Duration.ofMinutes(2), wrongToken, "sync", "--verbose");
      if (refused.code() == 0) {
        problems.add("a wrong token was accepted: " + refused.describe());
      }
      if (!sync.err().contains("GET /v1/users")) {
        problems.add("--verbose showed no request log to scan: " + sync.err());
      }
      List<String> noDb = new ArrayList<>(withoutJdbcUrl(withSecrets));
      noDb.add("--jdbc-url=jdbc:postgresql://127.0.0.1:1/postgres");
      ConnectorProcess.Finished unreachable =
          run(outputs, Map.of(), Duration.ofMinutes(2), noDb, "sync", "--verbose");
      if (unreachable.code() != 1) {
        problems.add("an unreachable database: " + unreachable.describe());
      }
      List<String> pwInUrl = new ArrayList<>(withoutJdbcUrl(base));
      pwInUrl.add("--jdbc-url=jdbc:postgresql://127.0.0.1:5432/postgres?password=" + password);
      ConnectorProcess.Finished urlPassword =
          run(outputs, Map.of(), Duration.ofMinutes(2), pwInUrl, "sync", "--verbose");
      if (urlPassword.code() != 2) {
        problems.add("a password in the JDBC URL was not refused: " + urlPassword.describe());
      }
      api.faults("{\"malformed_rate\": 1}");
      ConnectorProcess.Finished malformed =
          run(outputs, env, Duration.ofMinutes(2), base, "sync", "--verbose");
      api.clearFaults();
      if (malformed.code() != 1) {
        problems.add("a malformed page did not fail the run: " + malformed.describe());
      }
      runs += 9;

      // A crafted schema name is refused before any SQL runs.
      List<String> evilSchema = new ArrayList<>(withSecrets);
      evilSchema.add("--schema=x\"; DROP TABLE _pfsync.state; --");
      ConnectorProcess.Finished badSchema =
          run(outputs, Map.of(), Duration.ofMinutes(2), evilSchema, "sync", "--verbose");
      runs++;
      if (badSchema.code() != 2 || badSchema.err().contains("\tat ")) {
        problems.add("a crafted schema was not refused cleanly: " + badSchema.describe());
      }

      outputs.add(store.state().orElse(""));
      outputs.add(store.runMessages());
      for (String o : outputs) {
        if (o.contains(token) || o.contains(password)) {
          problems.add("a secret was printed: " + o);
        }
      }
      if (!store.tableExists() || store.state().isEmpty()) {
        problems.add("crafted SQL dropped something: table or state missing");
      }
      Exactness exact = exactExceptCraftedNames(api, store);
      if (exact.lost() != 0 || exact.doubled() != 0) {
        problems.add(exact.describe());
      }
      ReliabilityTable.record(
          new ScenarioResult(
              String.format(
                  "7. injection + secrets: SQL in field names, values, connector id, schema;"
                      + " secrets scanned in %d outputs",
                  outputs.size()),
              runs,
              2L * users + 2,
              exact.expected(),
              exact.lost(),
              exact.doubled(),
              problems.isEmpty() ? "PASS" : "FAIL"));
      assertThat(problems).isEmpty();
    }
  }

  private static ConnectorProcess.Finished run(
      List<String> outputs,
      Map<String, String> env,
      Duration timeout,
      List<String> rest,
      String... head) {
    List<String> args = new ArrayList<>(List.of(head));
    args.addAll(rest);
    ConnectorProcess.Finished f = ConnectorProcess.run(args, env, timeout);
    outputs.add(f.out() + f.err());
    return f;
  }

  private static List<String> withoutJdbcUrl(List<String> flags) {
    return flags.stream().filter(f -> !f.startsWith("--jdbc-url=")).toList();
  }

  /** Every user's name gets SQL appended, and every user gets a field whose name is SQL. */
  private static byte[] inject(byte[] body) {
    try {
      JsonNode page = JSON.readTree(body);
      for (JsonNode row : page.path("data")) {
        ObjectNode o = (ObjectNode) row;
        o.put("name", o.path("name").asText() + EVIL_VALUE);
        o.put(EVIL_FIELD, EVIL_VALUE);
      }
      return JSON.writeValueAsBytes(page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void checkStoredAsData(Store store, int users, List<String> problems)
      throws Exception {
    String column = PostgresDestination.quoted(PostgresDestination.columnName(EVIL_FIELD));
    try (Connection c = store.db.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*), count(*) FILTER (WHERE right(name, "
                    + EVIL_VALUE.length()
                    + ") = "
                    + literal(EVIL_VALUE)
                    + "), count(*) FILTER (WHERE "
                    + column
                    + " = "
                    + literal(EVIL_VALUE)
                    + ") FROM "
                    + store.table())) {
      rs.next();
      if (rs.getLong(1) != users || rs.getLong(2) != users || rs.getLong(3) != users) {
        problems.add(
            "crafted text not stored as data: rows "
                + rs.getLong(1)
                + ", names "
                + rs.getLong(2)
                + ", crafted column "
                + rs.getLong(3));
      }
    }
  }

  /** The truth comparison, after taking the appended SQL off the names (a copy of the table). */
  private static Exactness exactExceptCraftedNames(SourceApi api, Store store) {
    store.execute(
        "UPDATE "
            + store.table()
            + " SET name = left(name, length(name) - "
            + EVIL_VALUE.length()
            + ") WHERE right(name, "
            + EVIL_VALUE.length()
            + ") = "
            + literal(EVIL_VALUE));
    return Exactness.of(api, store);
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
