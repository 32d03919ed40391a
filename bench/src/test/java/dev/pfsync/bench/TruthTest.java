package dev.pfsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruthTest {

  @Test
  void the_truth_becomes_csv_in_id_order_and_in_cursor_order(@TempDir Path dir) throws Exception {
    String ndjson =
        """
        {"id":"a1","name":"Ann \\"Al\\" Smith","email":"a@x","address":"1 Main St, X","company":"C","job":"J","createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-11-02T00:00:00Z","deletedAt":null}
        {"id":"b2","name":"Bob","email":"b@x","address":"2 High Rd","company":"C","job":"J","createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-11-01T00:00:00Z","deletedAt":"2026-11-01T00:00:00Z"}
        """;
    Path csv = dir.resolve("truth.csv");
    Path byCursor = dir.resolve("by-cursor.csv");

    long n = Truth.writeCsv(utf8(ndjson), csv, byCursor);

    String ann =
        "\"a1\",\"Ann \"\"Al\"\" Smith\",\"a@x\",\"1 Main St, X\",\"C\",\"J\","
            + "\"2026-01-01T00:00:00Z\",\"2026-11-02T00:00:00Z\",";
    String bob =
        "\"b2\",\"Bob\",\"b@x\",\"2 High Rd\",\"C\",\"J\",\"2026-01-01T00:00:00Z\","
            + "\"2026-11-01T00:00:00Z\",\"2026-11-01T00:00:00Z\"";
    assertThat(n).isEqualTo(2);
    assertThat(Files.readAllLines(csv)).containsExactly(ann, bob);
    assertThat(Files.readAllLines(byCursor)).containsExactly(bob, ann);
  }

  @Test
  void a_page_scan_counts_the_rows_and_reads_where_to_go_on() throws Exception {
    String page =
        """
        {"data":[{"id":"a","address":{"nested":[1,2]}},{"id":"b"}],"has_more":true,
         "next":{"updated_since":"2026-11-20T08:00:00Z","after_id":"b"}}
        """;

    assertThat(PageScan.of(utf8(page)))
        .isEqualTo(
            new PageScan(
                2,
                true,
                java.util.Optional.of("2026-11-20T08:00:00Z"),
                java.util.Optional.of("b")));
  }

  @Test
  void the_last_page_has_no_more_and_no_next() throws Exception {
    PageScan last = PageScan.of(utf8("{\"data\":[],\"has_more\":false,\"next\":null}"));

    assertThat(last.rows()).isZero();
    assertThat(last.hasMore()).isFalse();
    assertThat(last.nextSince()).isEmpty();
  }

  private static InputStream utf8(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
