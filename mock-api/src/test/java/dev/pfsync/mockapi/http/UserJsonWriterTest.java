package dev.pfsync.mockapi.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pfsync.mockapi.data.Dataset;
import dev.pfsync.mockapi.data.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UserJsonWriterTest {
  static final long NOW = Instant.parse("2026-11-20T08:00:00Z").getEpochSecond();
  static final List<String> AWKWARD =
      List.of(
          "",
          "plain",
          "O'Neil \"Q\" Jr.",
          "back\\slash/solidus",
          "tab\tnew\nline\r\u0000\u0001\u001f",
          "\u007f\u0080\u00ff",
          "Ñandú Åsa Øre",
          "日本語",
          "emoji \ud83d\ude00 pair",
          "\u2028\u2029\ufeff\uffff");

  static Dataset data;
  static UserJsonWriter writer;

  @BeforeAll
  static void generate() {
    data = Dataset.generate(7, 60_000, 6_000, 30, NOW);
    writer = new UserJsonWriter(data.pools());
  }

  @Test
  void every_user_of_a_dataset_and_its_tombstone_render_byte_for_byte_as_row_json_does()
      throws IOException {
    RowJson old = new RowJson(data.pools());
    int checked = 0;
    for (User u : data.users().byId()) {
      assertSameBytes(old, u);
      assertSameBytes(old, tombstone(u, u.updatedAt() + 1 + checked % 100_000));
      checked++;
    }
    assertThat(checked).isEqualTo(60_000);
  }

  @Test
  void every_pool_value_renders_as_row_json_does() throws IOException {
    // A dataset draws values at random: walk every index of every pool on purpose too.
    RowJson old = new RowJson(data.pools());
    var p = data.pools();
    int most =
        Math.max(
            Math.max(p.firstNames(), p.lastNames()),
            Math.max(Math.max(p.streets(), p.cities()), Math.max(p.companies(), p.jobs())));
    for (int i = 0; i < most; i++) {
      User u =
          new User(
              User.idFor(7, i),
              i,
              i % p.firstNames(),
              i % p.lastNames(),
              i % p.domains(),
              i % p.streets(),
              i % p.cities(),
              i % p.companies(),
              i % p.jobs(),
              NOW - i,
              NOW,
              User.NOT_DELETED);
      assertSameBytes(old, u);
    }
  }

  @Test
  void edge_serials_timestamps_and_ids_render_as_row_json_does() throws IOException {
    RowJson old = new RowJson(data.pools());
    long[] serials = {0, 9, 10, 99, 100, 999_999, -1, -10, Long.MAX_VALUE, Long.MIN_VALUE};
    long[] seconds = {
      Long.MIN_VALUE / 1000,
      -62167219201L,
      -62167219200L,
      -1,
      0,
      1,
      NOW,
      253402300799L,
      253402300800L,
      Long.MAX_VALUE / 1000
    };
    List<String> ids = new ArrayList<>(AWKWARD);
    ids.add("00ff00ff00ff00ff");
    for (long serial : serials) {
      for (long second : seconds) {
        for (String id : ids) {
          User u = new User(id, serial, 1, 2, 3, 4, 5, 6, 7, second, second, User.NOT_DELETED);
          assertSameBytes(old, u);
          assertSameBytes(old, tombstone(u, second));
        }
      }
    }
  }

  @Test
  void escaped_parts_concatenate_to_the_escaped_whole() {
    for (String a : AWKWARD) {
      for (String b : AWKWARD) {
        byte[] ea = JsonBuffer.escaped(a);
        byte[] eb = JsonBuffer.escaped(b);
        byte[] joined = new byte[ea.length + eb.length];
        System.arraycopy(ea, 0, joined, 0, ea.length);
        System.arraycopy(eb, 0, joined, ea.length, eb.length);
        assertThat(utf8(joined)).as("%s + %s", a, b).isEqualTo(utf8(JsonBuffer.escaped(a + b)));
      }
    }
  }

  @Test
  void strings_the_buffer_escapes_itself_match_jackson() {
    for (String s : AWKWARD) {
      JsonBuffer buf = new JsonBuffer(1);
      buf.string(s);
      assertThat(utf8(buf.toByteArray())).isEqualTo(utf8(JsonBuffer.quoted(s)));
    }
  }

  static User tombstone(User u, long deletedAt) {
    return new User(
        u.id(),
        u.serial(),
        u.first(),
        u.last(),
        u.domain(),
        u.street(),
        u.city(),
        u.company(),
        u.job(),
        u.createdAt(),
        u.updatedAt(),
        deletedAt);
  }

  private static void assertSameBytes(RowJson old, User u) throws IOException {
    Bytes expected = new Bytes(512);
    try (JsonGenerator g = RowJson.FACTORY.createGenerator(expected)) {
      old.user(g, u);
    }
    JsonBuffer actual = new JsonBuffer(16); // small: growth is exercised too
    writer.user(actual, u);
    // Strings first for a readable diff; then the bytes themselves.
    assertThat(utf8(actual.toByteArray())).as("user %s", u).isEqualTo(utf8(expected.toByteArray()));
    assertThat(actual.toByteArray()).isEqualTo(expected.toByteArray());
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
