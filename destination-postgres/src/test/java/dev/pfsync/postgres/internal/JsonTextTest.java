package dev.pfsync.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.postgres.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTextTest {
  /** Texts jsonb takes, and texts it refuses, each with the reason JsonText must give. */
  private static final List<String> ACCEPTED =
      List.of(
          "{}",
          "[]",
          " {\"a\": [1, -2.5e3, true, false, null, \"x\"]}\n",
          "\"\\\\u0000\"", // an escaped backslash followed by u0000: no NUL
          "\"a\\/b \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00\"",
          "0",
          "-0",
          "1E+5",
          "1e131071",
          "1e-16383",
          "0e999999999",
          "0.05",
          "[[[[[[[[[[1]]]]]]]]]]",
          "{\"a\":{\"b\":{}},\"c\":[{}]}",
          "\"\u007f é\"");

  private static final List<String> NUL =
      List.of("\"\\u0000\"", "{\"\\u0000\": 1}", "[\"a\\u0000b\"]", "\"raw \0 nul\"");
  private static final List<String> REFUSED =
      List.of(
          "",
          " ",
          "{",
          "[1,]",
          "{\"a\" 1}",
          "{\"a\":1,}",
          "{1:2}",
          "01",
          "-",
          "1.",
          ".5",
          "+1",
          "1e",
          "tru",
          "truex",
          "nul",
          "1 2",
          "\"unterminated",
          "\"\\x\"",
          "\"\\u12\"",
          "\"\\ud800\"",
          "\"\\udc00\"",
          "\"\\ud800\\u0041\"",
          "\"tab\tinside\"",
          "\f1",
          "1e131072",
          "1e-16384",
          "0.0e-16383",
          "0e1100000000",
          "1e99999999999999999999999",
          "[1e999999999]");

  @Test
  void valid_json_has_no_problem() {
    for (String json : ACCEPTED) {
      assertThat(JsonText.problem(json)).as(json).isEmpty();
    }
  }

  @Test
  void nul_raw_or_escaped_is_named() {
    for (String json : NUL) {
      assertThat(JsonText.problem(json)).as(json).hasValue(JsonText.NUL);
    }
  }

  @Test
  void invalid_json_and_numbers_beyond_numeric_are_problems_naming_where() {
    for (String json : REFUSED) {
      assertThat(JsonText.problem(json)).as(json).isPresent();
    }
    assertThat(JsonText.problem("[1,]"))
        .hasValue("not valid JSON: unexpected character at character 4");
    assertThat(JsonText.problem("[1e131072]").orElseThrow())
        .contains("131073 digits before the decimal point");
  }

  @Test
  void deep_nesting_does_not_overflow_the_stack() {
    String deep = "[".repeat(1_000_000) + "]".repeat(1_000_000);
    assertThat(JsonText.problem(deep)).isEmpty();
    assertThat(JsonText.problem(deep + "]")).isPresent();
  }

  @Test
  void postgresql_jsonb_agrees_on_every_case() throws SQLException {
    try (Connection c = TestDatabase.get().connect();
        PreparedStatement st = c.prepareStatement("SELECT ?::jsonb")) {
      c.setAutoCommit(false);
      for (String json : ACCEPTED) {
        assertThat(jsonbTakes(c, st, json)).as(json).isTrue();
      }
      for (String json : REFUSED) {
        assertThat(jsonbTakes(c, st, json)).as(json).isFalse();
      }
      for (String json : NUL) {
        if (json.indexOf('\0') < 0) { // a raw NUL cannot even be sent
          assertThat(jsonbTakes(c, st, json)).as(json).isFalse();
        }
      }
      c.rollback();
    }
  }

  private static boolean jsonbTakes(Connection c, PreparedStatement st, String json)
      throws SQLException {
    Savepoint savepoint = c.setSavepoint();
    try {
      st.setString(1, json);
      st.executeQuery().close();
      return true;
    } catch (SQLException e) {
      c.rollback(savepoint);
      return false;
    }
  }
}
