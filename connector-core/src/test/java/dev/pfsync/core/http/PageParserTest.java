package dev.pfsync.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.Keyset;
import dev.pfsync.core.Page;
import dev.pfsync.core.PageRequest;
import dev.pfsync.core.ProtocolViolationException;
import dev.pfsync.core.Row;
import dev.pfsync.core.TableBinding;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageParserTest {
  private static final Instant SINCE = Instant.parse("2026-11-20T00:00:00Z");

  static Page parse(TableBinding table, String body) {
    PageUrl url =
        PageUrl.of(
            URI.create("http://api"),
            table,
            new PageRequest(Keyset.from(SINCE), Optional.empty(), 100));
    return new PageParser(Redactor.NONE)
        .parse(table, url, body.getBytes(StandardCharsets.UTF_8), Optional.empty());
  }

  @Test
  void parses_a_users_page_with_typed_values_and_next_keyset() {
    Page page =
        parse(
            Bindings.users(),
            """
            {"data": [
              {"id": "a1", "name": "Ann", "email": "ann@x.io", "createdAt": "2026-11-01T10:15:00Z",
               "updatedAt": "2026-11-20T08:00:00Z", "deletedAt": null},
              {"id": "b2", "name": "Bob", "email": "bob@x.io", "createdAt": "2026-11-02T10:15:00Z",
               "updatedAt": "2026-11-20T08:00:01Z", "deletedAt": null}],
             "has_more": true,
             "next": {"updated_since": "2026-11-20T08:00:01Z", "after_id": "b2"}}
            """);

    assertThat(page.rows()).hasSize(2);
    Row ann = page.rows().get(0);
    assertThat(ann.get("id")).isEqualTo("a1");
    assertThat(ann.get("name")).isEqualTo("Ann");
    assertThat(ann.get("createdAt")).isEqualTo(Instant.parse("2026-11-01T10:15:00Z"));
    assertThat(ann.get("updatedAt")).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
    assertThat(ann.values()).containsEntry("deletedAt", null);
    assertThat(ann.deleted()).isFalse();
    assertThat(ann.values().keySet())
        .containsExactly("id", "name", "email", "createdAt", "updatedAt", "deletedAt");
    assertThat(page.hasMore()).isTrue();
    assertThat(page.rejected()).isEmpty();
    assertThat(page.next()).contains(Keyset.after(Instant.parse("2026-11-20T08:00:01Z"), "b2"));
  }

  @Test
  void parses_an_orders_page_with_integer_keys_and_epoch_millis_cursor() {
    Page page =
        parse(
            Bindings.orders(),
            """
            {"data": [{"order_id": 17, "user_id": "u1", "amount_cents": 1999, "currency": "EUR",
                       "status": "paid", "modified_at": 1763625600000},
                      {"order_id": "18", "user_id": "u2", "amount_cents": 5, "currency": "USD",
                       "status": "new", "modified_at": "1763625600001"}],
             "has_more": false,
             "next": {"modified_since": 1763625600001, "after_order_id": 18}}
            """);

    assertThat(page.rows()).hasSize(2);
    Row first = page.rows().get(0);
    assertThat(first.get("order_id")).isEqualTo(17L);
    assertThat(first.get("amount_cents")).isEqualTo(1999L);
    assertThat(first.get("modified_at")).isEqualTo(Instant.ofEpochMilli(1763625600000L));
    assertThat(page.rows().get(1).get("order_id")).isEqualTo(18L);
    assertThat(page.rows().get(1).get("modified_at"))
        .isEqualTo(Instant.ofEpochMilli(1763625600001L));
    assertThat(page.hasMore()).isFalse();
    assertThat(page.next()).contains(Keyset.after(Instant.ofEpochMilli(1763625600001L), "18"));
  }

  @Test
  void converts_every_declared_column_type_to_its_java_type() {
    Page page =
        parse(
            Bindings.typed(),
            """
            {"data": [{"k": 7, "ts": "2026-11-20T08:00:00+01:00", "s": "text", "l": 9007199254740993,
              "b": true, "d": 1.5, "dec": 12345678901234567890.123456789, "day": "2026-02-28",
              "local": "2026-02-28T13:45:10", "j": {"a": [1, "x", null]}, "bin": "aGVsbG8=",
              "other_ts": 1000}],
             "has_more": false, "next": null}
            """);

    Row row = page.rows().get(0);
    assertThat(row.get("k")).isEqualTo(7);
    assertThat(row.get("ts")).isEqualTo(Instant.parse("2026-11-20T07:00:00Z"));
    assertThat(row.get("s")).isEqualTo("text");
    assertThat(row.get("l")).isEqualTo(9007199254740993L);
    assertThat(row.get("b")).isEqualTo(true);
    assertThat(row.get("d")).isEqualTo(1.5);
    assertThat(row.get("dec")).isEqualTo(new BigDecimal("12345678901234567890.123456789"));
    assertThat(row.get("day")).isEqualTo(LocalDate.of(2026, 2, 28));
    assertThat(row.get("local")).isEqualTo(LocalDateTime.of(2026, 2, 28, 13, 45, 10));
    assertThat(row.get("j")).isEqualTo("{\"a\":[1,\"x\",null]}");
    assertThat(row.get("bin")).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
    assertThat(row.get("other_ts")).isEqualTo(Instant.ofEpochMilli(1000));
    assertThat(page.next()).isEmpty();
  }

  @Test
  void keeps_undeclared_fields_with_inferred_types() {
    Page page =
        parse(
            Bindings.users(),
            """
            {"data": [{"id": "a1", "updatedAt": "2026-11-20T08:00:00Z", "nickname": "Annie",
              "age": 41, "score": 0.25, "vip": false, "tags": ["a", "b"], "address": {"city": "X"},
              "note": null}],
             "has_more": false}
            """);

    Row row = page.rows().get(0);
    assertThat(row.get("nickname")).isEqualTo("Annie");
    assertThat(row.get("age")).isEqualTo(41L);
    assertThat(row.get("score")).isEqualTo(0.25);
    assertThat(row.get("vip")).isEqualTo(false);
    assertThat(row.get("tags")).isEqualTo("[\"a\",\"b\"]");
    assertThat(row.get("address")).isEqualTo("{\"city\":\"X\"}");
    assertThat(row.values()).containsEntry("note", null);
    assertThat(page.next()).as("absent next").isEmpty();
  }

  @Test
  void marks_tombstones_as_deleted() {
    Page page =
        parse(
            Bindings.users(),
            """
            {"data": [{"id": "a1", "updatedAt": "2026-11-20T08:00:00Z",
                       "deletedAt": "2026-11-20T08:00:00Z"},
                      {"id": "a2", "updatedAt": "2026-11-20T08:00:00Z", "deletedAt": null},
                      {"id": "a3", "updatedAt": "2026-11-20T08:00:00Z"}],
             "has_more": false, "next": null}
            """);

    assertThat(page.rows()).extracting(Row::deleted).containsExactly(true, false, false);
  }

  @Test
  void skips_and_counts_bad_records_but_keeps_the_good_ones() {
    Page page =
        parse(
            Bindings.users(),
            """
            {"data": [
              {"id": "ok1", "updatedAt": "2026-11-20T08:00:00Z"},
              {"name": "no id", "updatedAt": "2026-11-20T08:00:00Z"},
              {"id": null, "updatedAt": "2026-11-20T08:00:00Z"},
              {"id": "bad-ts", "updatedAt": "yesterday"},
              {"id": "no-ts"},
              {"id": "null-ts", "updatedAt": null},
              {"id": "wrong-type", "updatedAt": "2026-11-20T08:00:00Z", "name": 42},
              {"id": {"nested": 1}, "updatedAt": "2026-11-20T08:00:00Z"},
              {"id": "obj-for-string", "updatedAt": "2026-11-20T08:00:00Z", "email": {"a": [1]}},
              "just a string",
              [1, 2, 3],
              {"id": "ok2", "updatedAt": "2026-11-20T08:00:01Z"}],
             "has_more": true,
             "next": {"updated_since": "2026-11-20T08:00:01Z", "after_id": "ok2"}}
            """);

    assertThat(page.rows()).extracting(r -> r.get("id")).containsExactly("ok1", "ok2");
    assertThat(page.rejected()).hasSize(10);
  }

  @Test
  void skips_records_whose_typed_values_do_not_fit() {
    Page page =
        parse(
            Bindings.typed(),
            """
            {"data": [
              {"k": 1, "ts": "2026-11-20T08:00:00Z", "b": "yes"},
              {"k": 2, "ts": "2026-11-20T08:00:00Z", "l": 1.5},
              {"k": 3, "ts": "2026-11-20T08:00:00Z", "day": "28/02/2026"},
              {"k": 4, "ts": "2026-11-20T08:00:00Z", "bin": "not base64!"},
              {"k": 5, "ts": "2026-11-20T08:00:00Z", "d": "1.5"},
              {"k": 3000000000, "ts": "2026-11-20T08:00:00Z"},
              {"k": "12", "ts": "2026-11-20T08:00:00Z", "l": "34"},
              {"k": 6, "ts": "2026-11-20T08:00:00Z", "dec": "1.10", "j": "plain"}],
             "has_more": false}
            """);

    assertThat(page.rows()).extracting(r -> r.get("k")).containsExactly(6);
    assertThat(page.rows().get(0).get("dec")).isEqualTo(new BigDecimal("1.10"));
    assertThat(page.rows().get(0).get("j")).isEqualTo("\"plain\"");
    assertThat(page.rejected()).hasSize(7);
  }

  @Test
  void rejects_a_body_that_is_not_json_without_hiding_what_came() {
    assertThatThrownBy(() -> parse(Bindings.users(), "<html>Bad Gateway</html>"))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("table user")
        .hasMessageContaining("/v1/users?updated_since=2026-11-20T00%3A00%3A00Z&limit=100")
        .hasMessageContaining("invalid JSON")
        .hasMessageContaining("<html>Bad Gateway</html>");
  }

  @Test
  void rejects_a_body_cut_in_the_middle_of_the_json() {
    assertThatThrownBy(() -> parse(Bindings.users(), "{\"data\": [{\"id\": \"a"))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("invalid JSON");
  }

  @Test
  void rejects_a_page_without_data_or_has_more_or_with_wrong_shapes() {
    assertThatThrownBy(() -> parse(Bindings.users(), "{\"has_more\": false}"))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("data array is missing");
    assertThatThrownBy(() -> parse(Bindings.users(), "{\"data\": []}"))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("has_more is missing");
    assertThatThrownBy(() -> parse(Bindings.users(), "{\"data\": {}, \"has_more\": false}"))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("data is not an array");
    assertThatThrownBy(() -> parse(Bindings.users(), "{\"data\": [], \"has_more\": \"no\"}"))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("has_more is not a boolean");
    assertThatThrownBy(() -> parse(Bindings.users(), "[]"))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> parse(Bindings.users(), "{\"data\": [], \"has_more\": false} {}"))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("after the JSON object");
    assertThatThrownBy(() -> parse(Bindings.users(), "{\"data\": [], \"has_more\": true}"))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("has_more is true but the page is empty");
  }

  @Test
  void rejects_a_malformed_next() {
    String row = "{\"id\": \"a\", \"updatedAt\": \"2026-11-20T08:00:00Z\"}";
    for (String next :
        new String[] {
          "\"b2\"",
          "{\"after_id\": \"b2\"}",
          "{\"updated_since\": \"soon\", \"after_id\": \"b2\"}",
          "{\"updated_since\": 1763625600000}",
          "{\"updated_since\": \"2026-11-20T08:00:01Z\", \"after_id\": [1]}"
        }) {
      String body = "{\"data\": [" + row + "], \"has_more\": true, \"next\": " + next + "}";
      assertThatThrownBy(() -> parse(Bindings.users(), body))
          .as(next)
          .isInstanceOf(ProtocolViolationException.class)
          .hasMessageContaining("next");
    }
  }

  @Test
  void reads_next_without_after_key_as_a_plain_since_position() {
    Page page =
        parse(
            Bindings.users(),
            "{\"data\": [], \"has_more\": false, \"next\": {\"updated_since\":"
                + " \"2026-11-21T00:00:00Z\", \"after_id\": null}}");

    assertThat(page.next()).contains(Keyset.from(Instant.parse("2026-11-21T00:00:00Z")));
  }

  @Test
  void quotes_at_most_200_characters_of_a_bad_body() {
    String body = "x".repeat(5_000);

    assertThatThrownBy(() -> parse(Bindings.users(), body))
        .isInstanceOf(ProtocolViolationException.class)
        .satisfies(
            e -> {
              String quoted = e.getMessage().substring(e.getMessage().indexOf("body starts with"));
              assertThat(quoted).contains("x".repeat(200) + "...").doesNotContain("x".repeat(201));
            });
  }

  @Test
  void records_of_one_shape_share_their_names_and_other_shapes_or_repeated_names_still_parse() {
    Page page =
        parse(
            Bindings.users(),
            """
            {"data": [
              {"id": "a1", "name": "Ann", "updatedAt": "2026-11-20T08:00:00Z"},
              {"id": "a2", "name": "Al", "updatedAt": "2026-11-20T08:00:01Z"},
              {"id": "a3", "updatedAt": "2026-11-20T08:00:02Z", "name": "Bea", "extra": 7},
              {"id": "a4", "name": "old", "updatedAt": "2026-11-20T08:00:03Z", "name": "new"},
              {"id": "a5", "name": "Cy", "updatedAt": "2026-11-20T08:00:04Z"}],
             "has_more": false, "next": null}
            """);

    assertThat(page.rows()).hasSize(5);
    Row first = page.rows().get(0);
    assertThat(page.rows().get(1).fieldNames()).isSameAs(first.fieldNames());
    assertThat(page.rows().get(1).get("name")).isEqualTo("Al");
    Row other = page.rows().get(2);
    assertThat(other.values().keySet()).containsExactly("id", "updatedAt", "name", "extra");
    assertThat(other.get("extra")).isEqualTo(7L);
    assertThat(other.get("name")).isEqualTo("Bea");
    Row repeated = page.rows().get(3);
    assertThat(repeated.values().keySet()).containsExactly("id", "name", "updatedAt");
    assertThat(repeated.get("name")).isEqualTo("new");
    assertThat(page.rows().get(4).get("name")).isEqualTo("Cy");
    assertThat(page.rows().get(4).values().keySet()).containsExactly("id", "name", "updatedAt");
  }
}
