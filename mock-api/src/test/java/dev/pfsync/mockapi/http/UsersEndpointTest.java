package dev.pfsync.mockapi.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pfsync.mockapi.data.Dataset;
import dev.pfsync.mockapi.data.KeysetTable;
import dev.pfsync.mockapi.data.User;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UsersEndpointTest {
  static final long NOW = Instant.parse("2026-11-20T08:00:00Z").getEpochSecond();
  static Dataset data;
  static UsersEndpoint endpoint;

  @BeforeAll
  static void generate() {
    data = Dataset.generate(11, 30_000, 3_000, 30, NOW);
    endpoint = new UsersEndpoint(data);
  }

  @Test
  void empty_pages_render_as_before() throws IOException {
    assertSamePage(new KeysetTable.Slice<>(List.of(), false));
    assertSamePage(new KeysetTable.Slice<>(List.of(), true));
  }

  @Test
  void one_row_pages_render_as_before_with_or_without_more() throws IOException {
    User u = data.users().byKey().get(123);
    assertSamePage(new KeysetTable.Slice<>(List.of(u), false));
    assertSamePage(new KeysetTable.Slice<>(List.of(u), true));
    User dead = UserJsonWriterTest.tombstone(u, u.updatedAt());
    assertSamePage(new KeysetTable.Slice<>(List.of(dead), true));
  }

  @Test
  void pages_of_every_size_the_api_serves_render_as_before() throws IOException {
    List<User> byKey = data.users().byKey();
    for (int limit : new int[] {2, 7, 100, 1_000, 10_000}) {
      assertSamePage(new KeysetTable.Slice<>(byKey.subList(0, limit), true));
      assertSamePage(
          new KeysetTable.Slice<>(byKey.subList(byKey.size() - limit, byKey.size()), false));
    }
  }

  @Test
  void a_whole_keyset_walk_renders_as_before() throws IOException {
    Instant since = Instant.EPOCH;
    Optional<String> after = Optional.empty();
    int pages = 0;
    while (true) {
      KeysetTable.Slice<User> page =
          data.users().page(UsersEndpoint.start(since, after), u -> true, 997);
      assertSamePage(page);
      pages++;
      if (!page.hasMore()) {
        break;
      }
      User last = page.rows().get(page.rows().size() - 1);
      since = Instant.ofEpochSecond(last.updatedAt());
      after = Optional.of(last.id());
    }
    assertThat(pages).isEqualTo(31);
  }

  @Test
  void a_large_page_is_sent_in_pieces_jetty_gathers_and_the_stream_closed() throws IOException {
    Recording out = new Recording();
    endpoint.render(new KeysetTable.Slice<>(data.users().byKey().subList(0, 1_000), true), out);
    assertThat(out.writes).hasSizeGreaterThan(10);
    // Writes Jetty gathers in its buffer (up to 8 KiB), so the framing stays as Jackson's was.
    assertThat(out.writes).allMatch(n -> n > 0 && n <= 8_000);
    assertThat(out.writes.stream().mapToInt(Integer::intValue).sum()).isGreaterThan(250_000);
    assertThat(out.closed).isTrue();
  }

  private static void assertSamePage(KeysetTable.Slice<User> page) throws IOException {
    ByteArrayOutputStream actual = new ByteArrayOutputStream();
    endpoint.render(page, actual);
    assertThat(actual.toString(java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(oldPage(page).toString(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(actual.toByteArray()).isEqualTo(oldPage(page).toByteArray());
  }

  /** The page as UsersEndpoint rendered it before UserJsonWriter, through Jackson. */
  private static ByteArrayOutputStream oldPage(KeysetTable.Slice<User> page) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RowJson rows = new RowJson(data.pools());
    try (JsonGenerator g = RowJson.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("data");
      for (User u : page.rows()) {
        rows.user(g, u);
      }
      g.writeEndArray();
      g.writeBooleanField("has_more", page.hasMore());
      g.writeFieldName("next");
      if (page.rows().isEmpty()) {
        g.writeNull();
      } else {
        User last = page.rows().get(page.rows().size() - 1);
        g.writeStartObject();
        g.writeFieldName("updated_since");
        rows.instant(g, last.updatedAt());
        g.writeStringField("after_id", last.id());
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    return out;
  }

  private static final class Recording extends OutputStream {
    final List<Integer> writes = new ArrayList<>();
    boolean closed;

    @Override
    public void write(int b) {
      writes.add(1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      writes.add(len);
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
