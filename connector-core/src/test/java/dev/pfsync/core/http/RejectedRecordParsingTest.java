package dev.pfsync.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.Keyset;
import dev.pfsync.core.Page;
import dev.pfsync.core.PageRequest;
import dev.pfsync.core.PageStream;
import dev.pfsync.core.RejectedRecord;
import dev.pfsync.core.Row;
import dev.pfsync.core.TableBinding;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A record that cannot be read as declared is rejected with its text as the API sent it, and the
 * page goes on; a value a page cannot hold as a number is rejected without costing the page.
 */
class RejectedRecordParsingTest {
  static final Instant SINCE = Instant.parse("2026-11-20T00:00:00Z");

  static PageUrl url(TableBinding table) {
    return PageUrl.of(
        URI.create("http://api"),
        table,
        new PageRequest(Keyset.from(SINCE), Optional.empty(), 100));
  }

  /** Parses from a stream in small reads, as a body arrives from the network. */
  static Page streamed(TableBinding table, String body) {
    InputStream slow =
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 7));
          }
        };
    PageStream page =
        new PageParser(Redactor.NONE)
            .open(table, url(table), new BodyCapture(slow), Optional.empty(), () -> {});
    List<Row> rows = new ArrayList<>();
    for (Row row = page.next(); row != null; row = page.next()) {
      rows.add(row);
    }
    var end = page.end();
    return new Page(rows, end.hasMore(), end.next(), end.rejected(), end.serverTime());
  }

  static Page whole(TableBinding table, String body) {
    return new PageParser(Redactor.NONE)
        .parse(table, url(table), body.getBytes(StandardCharsets.UTF_8), Optional.empty());
  }

  static final String DRIFTED =
      """
      {"data": [
        {"id": "a1", "name": "Ann", "updatedAt": "2026-11-20T08:00:00Z"},
        {"id": "b2", "name": "Bob",   "updatedAt": "20.11.2026 08:00"  },
        {"id": "c3", "name": "Cy", "updatedAt": "2026-11-20 08:00:02+00"}],
       "has_more": false}
      """;

  @Test
  void a_rejected_record_keeps_the_text_the_api_sent_in_a_stream_and_whole() {
    for (Page page :
        List.of(streamed(Bindings.users(), DRIFTED), whole(Bindings.users(), DRIFTED))) {
      assertThat(page.rows()).extracting(r -> r.get("id")).containsExactly("a1", "c3");
      RejectedRecord bad = page.rejected().get(0);
      assertThat(bad.record())
          .isEqualTo(
              "{\"id\": \"b2\", \"name\": \"Bob\",   \"updatedAt\": \"20.11.2026 08:00\"  }");
      assertThat(bad.key()).contains("b2");
      assertThat(bad.field()).contains("updatedAt");
      assertThat(bad.reason()).contains("20.11.2026 08:00");
      assertThat(page.rows().get(1).get("updatedAt"))
          .isEqualTo(Instant.parse("2026-11-20T08:00:02Z"));
    }
  }

  @Test
  void a_raw_nul_or_tab_inside_a_string_does_not_break_the_page() {
    String body =
        "{\"data\": [{\"id\": \"a\u0000b\", \"name\": \"tab\there\", \"updatedAt\": \"2026-11-20T08:00:00Z\"}],"
            + " \"has_more\": false}";
    Page page = streamed(Bindings.users(), body);
    assertThat(page.rows()).extracting(r -> r.get("id")).containsExactly("a\u0000b");
    assertThat(page.rows().get(0).get("name")).isEqualTo("tab\there");
  }

  @Test
  void huge_and_overflowing_numbers_are_rejected_or_kept_exact_without_failing_the_page() {
    String digits = "9".repeat(200_000);
    String body =
        """
        {"data": [
          {"k": 1, "ts": "2026-11-20T08:00:00Z", "dec": 1e999999999},
          {"k": 2, "ts": "2026-11-20T08:00:01Z", "d": 1e999},
          {"k": 3, "ts": "2026-11-20T08:00:02Z", "extra": %s},
          {"k": 4, "ts": "2026-11-20T08:00:03Z", "extra_float": 1e999},
          {"k": 5, "ts": "2026-11-20T08:00:04Z"}],
         "has_more": false}
        """
            .formatted(digits);

    Page page = streamed(Bindings.typed(), body);

    assertThat(page.rows()).extracting(r -> r.get("k")).containsExactly(1, 4, 5);
    assertThat(page.rows().get(0).get("dec")).isEqualTo(new BigDecimal("1e999999999"));
    assertThat(page.rows().get(1).get("extra_float")).isEqualTo(new BigDecimal("1e999"));
    assertThat(page.rejected())
        .extracting(RejectedRecord::field)
        .containsExactly(Optional.of("d"), Optional.of("extra"));
    assertThat(page.rejected().get(1).reason()).contains("200000 characters is too long");
  }
}
