package dev.pfsync.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.Keyset;
import dev.pfsync.core.PageEnd;
import dev.pfsync.core.PageRequest;
import dev.pfsync.core.PageStream;
import dev.pfsync.core.ProtocolViolationException;
import dev.pfsync.core.Row;
import dev.pfsync.core.TableBinding;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link PageParser#open}: a page body parsed record by record as it is read, its fields before or
 * after {@code data}, and a broken body reported at the record where it breaks.
 */
class PageStreamParsingTest {
  private static final Instant SINCE = Instant.parse("2026-11-20T00:00:00Z");
  private static final String ANN =
      "{\"id\": \"a1\", \"name\": \"Ann\", \"updatedAt\": \"2026-11-20T08:00:00Z\","
          + " \"deletedAt\": null}";
  private static final String BOB =
      "{\"id\": \"b2\", \"name\": \"Bob\", \"updatedAt\": \"2026-11-20T08:00:01Z\","
          + " \"deletedAt\": null}";
  private static final String NEXT =
      "\"next\": {\"updated_since\": \"2026-11-20T08:00:01Z\", \"after_id\": \"b2\"}";
  private static final PageEnd MORE_AFTER_BOB =
      new PageEnd(
          true,
          Optional.of(Keyset.after(Instant.parse("2026-11-20T08:00:01Z"), "b2")),
          List.of(),
          Optional.empty());

  static PageStream open(String body) {
    TableBinding table = Bindings.users();
    PageUrl url =
        PageUrl.of(
            URI.create("http://api"),
            table,
            new PageRequest(Keyset.from(SINCE), Optional.empty(), 100));
    return new PageParser(Redactor.NONE)
        .open(table, url, body.getBytes(StandardCharsets.UTF_8), Optional.empty());
  }

  static List<Object> ids(PageStream page) {
    List<Object> ids = new ArrayList<>();
    for (Row row = page.next(); row != null; row = page.next()) {
      ids.add(row.get("id"));
    }
    return ids;
  }

  @Test
  void has_more_and_next_after_data_are_read_once_the_last_record_was() {
    PageStream page =
        open("{\"data\": [" + ANN + ", " + BOB + "], \"has_more\": true, " + NEXT + "}");

    assertThat(page.next().get("id")).isEqualTo("a1");
    assertThat(page.next().get("id")).isEqualTo("b2");
    assertThat(page.next()).isNull();
    assertThat(page.end()).isEqualTo(MORE_AFTER_BOB);
    assertThat(page.next()).as("reading past the end").isNull();
  }

  @Test
  void has_more_and_next_before_data_are_kept_for_the_end() {
    PageStream page =
        open("{\"has_more\": true, " + NEXT + ", \"data\": [" + ANN + ", " + BOB + "]}");

    assertThat(ids(page)).containsExactly("a1", "b2");
    assertThat(page.end()).isEqualTo(MORE_AFTER_BOB);
  }

  @Test
  void fields_on_both_sides_of_data_make_one_end() {
    PageStream page = open("{\"has_more\": false, \"data\": [" + ANN + "], " + NEXT + "}");

    assertThat(ids(page)).containsExactly("a1");
    assertThat(page.end())
        .isEqualTo(
            new PageEnd(
                false,
                Optional.of(Keyset.after(Instant.parse("2026-11-20T08:00:01Z"), "b2")),
                List.of(),
                Optional.empty()));
  }

  @Test
  void a_body_that_breaks_after_two_good_records_yields_them_and_then_throws() {
    PageStream page = open("{\"data\": [" + ANN + ", " + BOB + ", {\"id\": \"c3\", \"name\": \"Ca");

    assertThat(page.next().get("id")).isEqualTo("a1");
    assertThat(page.next().get("id")).isEqualTo("b2");
    assertThatThrownBy(page::next)
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("table user")
        .hasMessageContaining("invalid JSON");
  }

  @Test
  void a_body_broken_after_its_data_throws_from_the_next_that_reaches_the_end() {
    PageStream page = open("{\"data\": [" + ANN + "], \"has_more\": tru");

    assertThat(page.next().get("id")).isEqualTo("a1");
    assertThatThrownBy(page::next)
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("invalid JSON");
  }

  @Test
  void end_before_the_last_record_is_a_programming_error() {
    PageStream page = open("{\"data\": [" + ANN + ", " + BOB + "], \"has_more\": false}");

    assertThatThrownBy(page::end).isInstanceOf(IllegalStateException.class);
    page.next();
    assertThatThrownBy(page::end).isInstanceOf(IllegalStateException.class);
    page.next();
    assertThatThrownBy(page::end)
        .as("the last record was read, but not yet what follows it")
        .isInstanceOf(IllegalStateException.class);
    assertThat(page.next()).isNull();
    assertThat(page.end())
        .isEqualTo(new PageEnd(false, Optional.empty(), List.of(), Optional.empty()));
  }

  @Test
  void data_twice_is_a_violation() {
    PageStream page =
        open("{\"data\": [" + ANN + "], \"has_more\": false, \"data\": [" + BOB + "]}");

    assertThat(page.next().get("id")).isEqualTo("a1");
    assertThatThrownBy(page::next)
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("data appears twice");
  }

  @Test
  void has_more_with_no_records_throws_from_the_first_next() {
    PageStream page = open("{\"has_more\": true, " + NEXT + ", \"data\": []}");

    assertThatThrownBy(page::next)
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("has_more is true but the page is empty");
  }

  @Test
  void a_bad_record_between_good_ones_is_rejected_and_handed_over_at_the_end() {
    PageStream page =
        open("{\"data\": [" + ANN + ", {\"name\": \"no id\"}, " + BOB + "], \"has_more\": false}");

    assertThat(ids(page)).containsExactly("a1", "b2");
    assertThat(page.end().rejected())
        .singleElement()
        .satisfies(r -> assertThat(r.record()).isEqualTo("{\"name\": \"no id\"}"));
  }
}
