package dev.pfsync.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.Column;
import dev.pfsync.core.ColumnType;
import dev.pfsync.core.RejectedRecord;
import dev.pfsync.core.Row;
import dev.pfsync.core.TableSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RowCheckTest {
  private static final Instant T = Instant.parse("2026-11-20T08:00:00Z");
  private static final TableSchema ITEM =
      new TableSchema(
          "item",
          List.of("id"),
          List.of(
              new Column("id", ColumnType.STRING),
              new Column("updatedAt", ColumnType.UTC_DATETIME),
              new Column("amount", ColumnType.DECIMAL),
              new Column("doc", ColumnType.JSON),
              new Column("day", ColumnType.NAIVE_DATE),
              new Column("local", ColumnType.NAIVE_DATETIME)),
          "updatedAt");
  private static final Map<String, String> COLUMNS =
      columns(
          "id",
          "text",
          "updated_at",
          "timestamptz",
          "amount",
          "numeric",
          "doc",
          "jsonb",
          "day",
          "date",
          "local",
          "timestamp",
          "note",
          "text",
          "seen_at",
          "text");

  private final RowCheck check = new RowCheck(new TableModel("s", "item", ITEM, COLUMNS));

  private static Map<String, String> columns(String... pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(pairs[i], pairs[i + 1]);
    }
    return out;
  }

  /** A good row, with {@code more} as field, value pairs added or replaced. */
  private static Row row(Object... more) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", "a");
    v.put("updatedAt", T);
    v.put("amount", new BigDecimal("12.50"));
    v.put("doc", "{\"k\": [1, 2]}");
    for (int i = 0; i < more.length; i += 2) {
      v.put((String) more[i], more[i + 1]);
    }
    return new Row(v, false);
  }

  private RejectedRecord rejected(Row row) {
    Optional<RejectedRecord> r = check.check(row);
    assertThat(r).as("rejected: " + row).isPresent();
    return r.get();
  }

  @Test
  void ordinary_rows_and_null_fields_pass() {
    assertThat(check.check(row())).isEmpty();
    assertThat(check.check(row("ID", null, "updated_at", null, "", null, "_pfsync_x", null)))
        .isEmpty();
    assertThat(check.check(row("note", "nul \0 in ordinary text is stripped later"))).isEmpty();
    assertThat(check.check(row("seenAt", Instant.parse("+10000-01-01T00:00:00Z"))))
        .as("a text column takes any instant")
        .isEmpty();
    assertThat(check.check(row("updatedAt", Instant.parse("9999-12-31T23:59:59.999999Z"))))
        .isEmpty();
    assertThat(check.check(row("amount", new BigDecimal("0E+999999999")))).isEmpty();
  }

  @Test
  void a_missing_key_or_a_key_holding_nul_is_rejected_with_the_key_as_text() {
    RejectedRecord noKey = rejected(row("id", null));
    assertThat(noKey.key()).isEmpty();
    assertThat(noKey.field()).hasValue("id");
    assertThat(noKey.reason()).isEqualTo("field id: no value for key column id");

    RejectedRecord nul = rejected(row("id", "a\0b"));
    assertThat(nul.key()).hasValue("a\0b");
    assertThat(nul.table()).isEqualTo("item");
    assertThat(nul.reason()).contains("NUL");
    assertThat(nul.record()).startsWith("{\"id\":\"a\\u0000b\",");
  }

  @Test
  void fields_of_one_row_that_map_to_one_column_are_rejected_unless_one_is_null() {
    RejectedRecord r = rejected(row("ID", "b"));
    assertThat(r.field()).hasValue("ID");
    assertThat(r.key()).hasValue("a");
    assertThat(r.reason()).isEqualTo("field ID: fields id and ID both map to column id");

    assertThat(rejected(row("updated_at", T)).reason())
        .contains("fields updatedAt and updated_at both map to column updated_at");
    assertThat(check.check(row("id", null, "ID", "b"))).as("ID fills the key column").isEmpty();
  }

  @Test
  void field_names_that_cannot_be_columns_are_rejected() {
    assertThat(rejected(row("", 1L)).reason()).contains("it is empty");
    assertThat(rejected(row("x".repeat(64), 1L)).reason()).contains("longer than 63 bytes");
    assertThat(rejected(row("a\0b", 1L)).reason()).contains("NUL");
    assertThat(rejected(row("_pfsync_x", 1L)).reason()).contains("starts with _pfsync_");
    assertThat(rejected(row("_pfsyncDeleted", true)).reason()).contains("_pfsync_deleted");
    assertThat(check.check(row("x".repeat(63), 1L))).isEmpty();
  }

  @Test
  void dates_outside_years_1_to_9999_are_rejected_in_date_columns_declared_or_new() {
    Instant y10000 = Instant.parse("+10000-01-01T00:00:00Z");
    RejectedRecord r = rejected(row("updatedAt", y10000));
    assertThat(r.reason())
        .isEqualTo(
            "field updatedAt: +10000-01-01T00:00:00Z is outside the years 1 to 9999 that a"
                + " timestamptz column takes");
    assertThat(r.record()).contains("\"updatedAt\":\"+10000-01-01T00:00:00Z\"");
    assertThat(rejected(row("createdAt", y10000)).field()).hasValue("createdAt");
    assertThat(rejected(row("updatedAt", Instant.parse("0000-12-31T23:59:59Z"))).reason())
        .contains("outside the years 1 to 9999");
    assertThat(rejected(row("day", LocalDate.of(0, 1, 1))).reason()).contains("date column");
    assertThat(rejected(row("local", LocalDateTime.of(10_000, 1, 1, 0, 0))).reason())
        .contains("timestamp column");
  }

  @Test
  void decimals_beyond_numeric_are_rejected_in_any_column_without_being_written_out() {
    RejectedRecord r = rejected(row("amount", new BigDecimal("1e999999999")));
    assertThat(r.reason())
        .isEqualTo(
            "field amount: a number with 1000000000 digits before the decimal point; PostgreSQL"
                + " numeric holds at most 131072");
    assertThat(r.record()).contains("\"amount\":1E+999999999");
    assertThat(rejected(row("score", new BigDecimal("1e999999999"))).field()).hasValue("score");
    assertThat(rejected(row("note", new BigDecimal("-1e999999999"))).field()).hasValue("note");
    assertThat(rejected(row("amount", new BigDecimal("1e-16384"))).reason())
        .contains("16384 digits after the decimal point");
    assertThat(check.check(row("amount", new BigDecimal("1e131071")))).isEmpty();
    assertThat(check.check(row("amount", new BigDecimal("-1e-16383")))).isEmpty();
  }

  @Test
  void json_that_jsonb_refuses_is_rejected_and_kept_as_a_string_in_the_record() {
    RejectedRecord nul = rejected(row("doc", "{\"a\": \"x\\u0000y\"}"));
    assertThat(nul.reason()).isEqualTo("field doc: " + JsonText.NUL);
    assertThat(nul.record()).contains("\"doc\":{\"a\": \"x\\u0000y\"}");

    RejectedRecord broken = rejected(row("doc", "{\"a\": "));
    assertThat(broken.reason()).startsWith("field doc: not valid JSON");
    assertThat(broken.record()).contains("\"doc\":\"{\\\"a\\\": \"");
    assertThat(check.check(row("note", "{not json, but a text column"))).isEmpty();
  }

  @Test
  void split_keeps_the_good_rows_in_order_and_the_same_list_when_all_are_good() {
    List<Row> good = List.of(row(), row("id", "b"));
    assertThat(check.split(good).valid()).isSameAs(good);

    RowCheck.Split split =
        check.split(List.of(row("id", "1"), row("id", null), row("id", "3"), row("ID", "x")));
    assertThat(split.valid()).extracting(r -> r.get("id")).containsExactly("1", "3");
    assertThat(split.rejected())
        .extracting(RejectedRecord::field)
        .containsExactly(Optional.of("id"), Optional.of("ID"));
  }

  @Test
  void records_render_every_type_as_json() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", null);
    v.put("s", "q\"\\\n\t\u0001");
    v.put("i", 7);
    v.put("l", -8L);
    v.put("d", 1.5);
    v.put("nan", Double.NaN);
    v.put("b", true);
    v.put("at", T);
    v.put("day", LocalDate.of(2024, 2, 29));
    v.put("bin", new byte[] {0, 1, (byte) 0xff});
    v.put("doc", "[1, {\"a\": null}]");
    RejectedRecord r = rejected(new Row(v, false));

    assertThat(r.record())
        .isEqualTo(
            "{\"id\":null,\"s\":\"q\\\"\\\\\\n\\t\\u0001\",\"i\":7,\"l\":-8,\"d\":1.5,"
                + "\"nan\":\"NaN\",\"b\":true,\"at\":\"2026-11-20T08:00:00Z\","
                + "\"day\":\"2024-02-29\",\"bin\":\"AAH/\",\"doc\":[1, {\"a\": null}]}");
  }
}
