package dev.pfsync.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.DestinationException;
import dev.pfsync.postgres.testing.TestDatabase;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The decisive check is the round trip: the same rows COPYed once as text (CopyText) and once as
 * binary (CopyBinary) must leave identical tables, compared as {@code row::text} (which shows
 * numeric scale, -0 and microseconds) and with EXCEPT both ways.
 */
class CopyBinaryTest {
  private static final TestDatabase DB = TestDatabase.get();
  private static final ZoneOffset UTC = ZoneOffset.UTC;
  private static final AtomicInteger TABLES = new AtomicInteger();
  private static String schema;

  @BeforeAll
  static void createSchema() {
    schema = DB.freshSchema("copy_binary");
    DB.execute("CREATE SCHEMA " + schema);
  }

  // ---- byte layout ----

  @Test
  void header_and_trailer_are_the_binary_copy_signature() {
    CopyBinary out = new CopyBinary(new PgType[] {PgType.TEXT});
    out.header();
    out.trailer();

    byte[] expected = {
      'P',
      'G',
      'C',
      'O',
      'P',
      'Y',
      '\n',
      (byte) 0xff,
      '\r',
      '\n',
      0, // signature
      0,
      0,
      0,
      0, // flags: no OIDs
      0,
      0,
      0,
      0, // header extension length
      (byte) 0xff,
      (byte) 0xff // trailer: field count -1
    };
    assertThat(Arrays.copyOf(out.array(), out.size())).containsExactly(expected);
  }

  @Test
  void a_row_is_its_field_count_then_length_prefixed_fields_with_null_as_minus_one() {
    CopyBinary out = new CopyBinary(new PgType[] {PgType.TEXT, PgType.INTEGER, PgType.TEXT});
    out.startRow(3);
    out.field(null);
    out.field(7);
    out.field("é");
    out.endRow();

    assertThat(Arrays.copyOf(out.array(), out.size()))
        .containsExactly(
            0, 3, -1, -1, -1, -1, 0, 0, 0, 4, 0, 0, 0, 7, 0, 0, 0, 2, (byte) 0xc3, (byte) 0xa9);
  }

  @Test
  void reset_empties_the_buffer_for_the_next_chunk() {
    CopyBinary out = new CopyBinary(new PgType[] {PgType.BIGINT});
    out.startRow(1);
    out.field(1L);
    out.endRow();
    out.reset();

    assertThat(out.size()).isZero();
  }

  @Test
  void a_row_must_get_exactly_its_field_count() {
    CopyBinary out = new CopyBinary(new PgType[] {PgType.TEXT, PgType.TEXT});
    assertThatThrownBy(() -> out.field("a")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> out.startRow(3)).isInstanceOf(IllegalArgumentException.class);

    out.startRow(2);
    out.field("a");
    assertThatThrownBy(out::endRow)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1 of 2");
    assertThatThrownBy(() -> out.startRow(2)).isInstanceOf(IllegalStateException.class);
    out.field("b");
    assertThatThrownBy(() -> out.field("c")).isInstanceOf(IllegalStateException.class);
    out.endRow();
    assertThatThrownBy(out::endRow).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void nul_is_stripped_and_counted_in_text_and_json() {
    CopyBinary out = new CopyBinary(new PgType[] {PgType.TEXT, PgType.JSONB});
    out.startRow(2);
    out.field("a\0b\0");
    out.field("\"\0x\"");
    out.endRow();

    assertThat(out.nulsStripped()).isEqualTo(3);
    assertThat(Arrays.copyOfRange(out.array(), 6, 8)).containsExactly('a', 'b');
    assertThat(Arrays.copyOfRange(out.array(), 12, 16)).containsExactly(1, '"', 'x', '"');
  }

  @Test
  void every_column_type_is_supported() {
    assertThat(CopyBinary.supports(PgType.values())).isTrue();
    assertThat(CopyBinary.supports(new PgType[] {PgType.TEXT, null})).isFalse();
  }

  @Test
  void a_value_of_another_type_names_both_types_and_leaves_the_buffer_at_the_field() {
    CopyBinary out = new CopyBinary(new PgType[] {PgType.INTEGER, PgType.BYTEA, PgType.TEXT});
    out.startRow(3);
    int before = out.size();

    assertThatThrownBy(() -> out.field("12"))
        .isInstanceOf(DestinationException.class)
        .hasMessageContaining("java.lang.String")
        .hasMessageContaining("integer");
    assertThat(out.size()).isEqualTo(before);
    out.field(12);
    assertThatThrownBy(() -> out.field("ab")).hasMessageContaining("bytea");
    out.field(new byte[0]);
    assertThatThrownBy(() -> out.field(new Object())).hasMessageContaining("java.lang.Object");
  }

  // ---- round trips ----

  @Test
  void every_type_and_edge_case_stores_what_text_copy_stores() throws Exception {
    Random random = new Random(20_261_120);
    List<Column> columns =
        List.of(
            new Column(PgType.TEXT, strings(random)),
            new Column(PgType.TIMESTAMPTZ, instants(random)),
            new Column(PgType.INTEGER, ints()),
            new Column(PgType.BIGINT, longs()),
            new Column(PgType.BOOLEAN, List.of(true, false)),
            new Column(PgType.DOUBLE, doubles(random)),
            new Column(PgType.NUMERIC, numerics(random)),
            new Column(PgType.DATE, dates(random)),
            new Column(PgType.TIMESTAMP, localDateTimes(random)),
            new Column(PgType.JSONB, jsons()),
            new Column(PgType.BYTEA, bytes(random)),
            new Column(PgType.TEXT, nonStrings(random)));
    assertThat(columns.stream().map(Column::type).distinct()).hasSize(PgType.values().length);

    int rowCount = columns.stream().mapToInt(c -> c.values().size()).max().orElseThrow() + 50;
    List<Object[]> rows = new ArrayList<>();
    for (int r = 0; r < rowCount; r++) {
      Object[] row = new Object[columns.size()];
      for (int c = 0; c < row.length; c++) {
        List<Object> values = columns.get(c).values();
        // Each value once, then a mix; about one field in 7 of the mix is NULL.
        row[c] =
            r < values.size()
                ? values.get(r)
                : random.nextInt(7) == 0 ? null : values.get(random.nextInt(values.size()));
      }
      rows.add(row);
    }

    assertSameTables(columns.stream().map(Column::type).toArray(PgType[]::new), rows);
  }

  @Test
  void fractions_of_microseconds_round_as_postgres_rounds_them() throws Exception {
    // All 1000 nanosecond offsets within eight microseconds of a second, for seconds on both sides
    // of both epochs, year 1, and the last second of 9999 (whose .9999995 rounds into 10000).
    List<Object[]> rows = new ArrayList<>();
    long[] seconds = {
      0,
      -1,
      946_684_800,
      946_684_799,
      -62_135_596_800L,
      253_402_300_799L,
      1_795_161_600,
      -14_818_680_000L
    };
    for (long second : seconds) {
      // 125 and 126: .000125500 rounds down and .000126500 up (see the test below).
      for (int micro : new int[] {0, 1, 2, 125, 126, 123_456, 999_998, 999_999}) {
        for (int nano = 0; nano < 1000; nano++) {
          Instant i = Instant.ofEpochSecond(second, micro * 1000 + nano);
          rows.add(new Object[] {i, LocalDateTime.ofEpochSecond(second, i.getNano(), UTC)});
        }
      }
    }
    assertSameTables(new PgType[] {PgType.TIMESTAMPTZ, PgType.TIMESTAMP}, rows);
  }

  @Test
  void half_microseconds_round_as_rint_of_the_parsed_double_not_half_even() throws Exception {
    // PostgreSQL computes rint(strtod(".nnnnnnnnn") * 1e6): mostly half-to-even, but where the
    // double lands just off the half (.000125500 -> 125.49999999999999) it decides. List every
    // half-microsecond of a second whose rounding is not half-to-even, per server and per Java.
    List<Integer> server = new ArrayList<>();
    try (Connection c = DB.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT m FROM generate_series(0, 999999) m WHERE extract(microseconds FROM"
                    + " ('2000-01-01 00:00:00.' || lpad((m * 1000 + 500)::text, 9, '0')"
                    + " || '+00')::timestamptz)::bigint <> m + m % 2 ORDER BY m")) {
      while (rs.next()) {
        server.add(rs.getInt(1));
      }
    }
    List<Integer> java = new ArrayList<>();
    for (int m = 0; m < 1_000_000; m++) {
      if (CopyBinary.micros(946_684_800, m * 1000 + 500) != m + m % 2) {
        java.add(m);
      }
    }

    assertThat(server).hasSize(11_550).startsWith(125, 126);
    assertThat(java).isEqualTo(server);
  }

  @Test
  void a_typmod_on_an_existing_column_applies_alike() throws Exception {
    // pfsync maps columns by typname, so a timestamptz(3) or numeric(10,2) made by hand is written
    // as timestamptz/numeric: the receive functions apply the typmod as the input functions do.
    PgType[] types = {PgType.TIMESTAMPTZ, PgType.TIMESTAMP, PgType.NUMERIC, PgType.NUMERIC};
    String[] ddl = {"timestamptz(3)", "timestamp(0)", "numeric(10,2)", "numeric(20,0)"};
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      Instant at = Instant.ofEpochSecond(1_795_161_600L + i, i * 250_000 + (i % 3) * 500);
      rows.add(
          new Object[] {
            at,
            LocalDateTime.ofInstant(at, UTC),
            BigDecimal.valueOf(i * 7919L - 10_000_000, 3 + i % 4),
            i % 2 == 0 ? (Object) (i * 0.125) : BigDecimal.valueOf(i, 1)
          });
    }
    assertSameTables(types, ddl, rows);
  }

  @Test
  void years_postgres_rejects_as_text_fail_before_sending() throws Exception {
    Object[][] cases = {
      {PgType.TIMESTAMPTZ, Instant.parse("0000-12-31T23:59:59.999999Z")},
      {PgType.TIMESTAMPTZ, Instant.parse("+10000-01-01T00:00:00Z")},
      {PgType.TIMESTAMP, LocalDateTime.of(0, 1, 1, 0, 0)},
      {PgType.TIMESTAMP, LocalDateTime.of(10_000, 1, 1, 0, 0)},
      {PgType.DATE, LocalDate.of(-1, 1, 1)},
      {PgType.DATE, LocalDate.of(10_000, 1, 1)},
    };
    for (Object[] c : cases) {
      PgType type = (PgType) c[0];
      assertThatThrownBy(
              () -> textCopy(new PgType[] {type}, List.<Object[]>of(new Object[] {c[1]})))
          .as("%s as text", c[1])
          .isInstanceOf(SQLException.class);
      CopyBinary out = new CopyBinary(new PgType[] {type});
      out.startRow(1);
      assertThatThrownBy(() -> out.field(c[1]))
          .as("%s as binary", c[1])
          .isInstanceOf(DestinationException.class)
          .hasMessageContaining("years 1 to 9999");
    }
  }

  @Test
  void an_int4_out_of_range_fails_as_in_text() {
    for (long v : new long[] {Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L}) {
      assertThatThrownBy(
              () -> textCopy(new PgType[] {PgType.INTEGER}, List.<Object[]>of(new Object[] {v})))
          .hasMessageContaining("out of range for type integer");
      CopyBinary out = new CopyBinary(new PgType[] {PgType.INTEGER});
      out.startRow(1);
      assertThatThrownBy(() -> out.field(v))
          .isInstanceOf(DestinationException.class)
          .hasMessage("value \"" + v + "\" is out of range for type integer");
    }
  }

  @Test
  void numerics_at_the_format_limits() throws Exception {
    List<Object[]> fit =
        List.of(
            new Object[] {BigDecimal.ONE.scaleByPowerOfTen(131_071)}, // weight 32767
            new Object[] {BigDecimal.ONE.scaleByPowerOfTen(-16_383)}, // dscale 16383
            new Object[] {new BigDecimal(new BigInteger("9".repeat(1000)), 16_383)},
            new Object[] {new BigDecimal("1234".repeat(3001))},
            new Object[] {new BigDecimal("1".repeat(20_000) + "." + "1".repeat(16_000))});
    assertSameTables(new PgType[] {PgType.NUMERIC}, fit);

    for (BigDecimal tooBig :
        List.of(BigDecimal.ONE.scaleByPowerOfTen(131_072), BigDecimal.ONE.movePointLeft(16_384))) {
      assertThatThrownBy(
              () ->
                  textCopy(new PgType[] {PgType.NUMERIC}, List.<Object[]>of(new Object[] {tooBig})))
          .hasMessageContaining("value overflows numeric format");
      CopyBinary out = new CopyBinary(new PgType[] {PgType.NUMERIC});
      out.startRow(1);
      assertThatThrownBy(() -> out.field(tooBig))
          .isInstanceOf(DestinationException.class)
          .hasMessage("value overflows numeric format");
    }
  }

  // ---- values ----

  private record Column(PgType type, List<Object> values) {}

  private static List<Object> strings(Random random) {
    List<Object> v =
        new ArrayList<>(
            List.of(
                "",
                "plain ascii",
                "a\0b\0",
                "\0",
                "é",
                "naïve café",
                "日本語",
                "emoji 😀 and 👍🏽",
                "\uD83D", // unpaired high surrogate: written as '?', as getBytes(UTF_8) does
                "x\uDE00y", // unpaired low surrogate
                "\uD83D\uD83D\uDE00",
                "tab\tnewline\ncr\rbackslash\\ \\N \\.",
                "\\x00ab",
                "\u007f\u0080\u07ff\u0800\uffff"));
    v.add("long é😀 ".repeat(40_000)); // grows the buffer past several flushes
    for (int i = 0; i < 300; i++) {
      v.add(randomString(random));
    }
    return v;
  }

  private static String randomString(Random random) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(20);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(5)) {
        case 0 -> s.append((char) random.nextInt(0x80));
        case 1 -> s.append((char) (0x80 + random.nextInt(0x780)));
        case 2 -> s.append((char) random.nextInt(0x10000)); // lone surrogates included
        case 3 -> s.appendCodePoint(0x10000 + random.nextInt(0x100000));
        default -> s.append("\\\t\n\r\0".charAt(random.nextInt(5)));
      }
    }
    return s.toString();
  }

  private static List<Object> instants(Random random) {
    List<Object> v = new ArrayList<>();
    String[] bases = {
      "2000-01-01T00:00:00Z",
      "1970-01-01T00:00:00Z",
      "1969-12-31T23:59:59Z",
      "1999-12-31T23:59:59Z",
      "0001-01-01T00:00:00Z",
      "9999-12-31T23:59:59Z",
      "1500-06-01T12:00:00Z",
      "2026-11-20T08:00:00Z"
    };
    int[] nanos = {
      0,
      1,
      499,
      500,
      501,
      1_499,
      1_500,
      2_500,
      3_500,
      123_456_500,
      123_457_500,
      999_999_499,
      999_999_500,
      999_999_999
    };
    for (String base : bases) {
      for (int nano : nanos) {
        v.add(Instant.parse(base).plusNanos(nano));
      }
    }
    long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 2000; i++) {
      long second = min + (long) (random.nextDouble() * (max - min));
      int nano =
          i % 2 == 0 ? random.nextInt(1_000_000_000) : random.nextInt(1_000_000) * 1000 + 500;
      v.add(Instant.ofEpochSecond(second, nano));
    }
    return v;
  }

  private static List<Object> localDateTimes(Random random) {
    List<Object> v = new ArrayList<>();
    v.add(LocalDateTime.of(2026, 1, 2, 3, 4)); // toString drops zero seconds: 2026-01-02T03:04
    v.add(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 123_000_000)); // .123
    v.add(LocalDateTime.of(1, 1, 1, 0, 0));
    v.add(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_500)); // rounds into 10000
    for (Object o : instants(random)) {
      v.add(LocalDateTime.ofInstant((Instant) o, UTC));
    }
    return v;
  }

  private static List<Object> dates(Random random) {
    List<Object> v =
        new ArrayList<>(
            List.of(
                LocalDate.of(1, 1, 1),
                LocalDate.of(9999, 12, 31),
                LocalDate.of(2000, 1, 1),
                LocalDate.of(1999, 12, 31),
                LocalDate.of(1970, 1, 1),
                LocalDate.of(2024, 2, 29)));
    for (int i = 0; i < 200; i++) {
      v.add(LocalDate.of(1, 1, 1).plusDays(random.nextInt(3_652_058)));
    }
    return v;
  }

  private static List<Object> ints() {
    return List.of(
        Integer.MIN_VALUE,
        Integer.MAX_VALUE,
        0,
        -1,
        (short) -5,
        (byte) 7,
        (long) Integer.MAX_VALUE,
        (long) Integer.MIN_VALUE,
        42L);
  }

  private static List<Object> longs() {
    return List.of(
        Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, Integer.MIN_VALUE, (short) 3, (byte) -8);
  }

  private static List<Object> doubles(Random random) {
    List<Object> v =
        new ArrayList<>(
            List.of(
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                -0.0,
                0.0,
                1.0E10,
                0.1,
                1.0 / 3,
                Double.MIN_VALUE,
                Double.MIN_NORMAL,
                Double.MAX_VALUE,
                -Double.MAX_VALUE,
                Double.longBitsToDouble(0x7ff8000000000001L), // another NaN
                (1L << 53) + 1, // a Long strtod must round
                Long.MAX_VALUE,
                Long.MIN_VALUE,
                Integer.MIN_VALUE,
                (short) 9,
                0.1f,
                Float.NaN,
                Float.NEGATIVE_INFINITY,
                1.0E-40f,
                new BigDecimal("0.1"),
                new BigDecimal("-123456789012345678901234567890.123456789"),
                new BigDecimal("1E-320"), // subnormal: accepted
                new BigDecimal("2.4703282292062328E-324"), // just above half the least subnormal
                new BigDecimal("1.7976931348623157E+308"),
                BigDecimal.ZERO));
    for (int i = 0; i < 500; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      v.add(Double.isNaN(d) ? 1.5 : d);
      v.add(new BigDecimal(new BigInteger(80, random), random.nextInt(60) - 20));
    }
    return v;
  }

  private static List<Object> numerics(Random random) {
    List<Object> v =
        new ArrayList<>(
            List.of(
                BigDecimal.ZERO,
                new BigDecimal("0.00"),
                new BigDecimal("-0.0"),
                new BigDecimal("0E+3"),
                new BigDecimal("1E+3"),
                new BigDecimal("-1E+5"),
                new BigDecimal("1E-3"),
                new BigDecimal("-1.5"),
                new BigDecimal("0.0001"),
                new BigDecimal("0.00001"),
                new BigDecimal("10000"),
                new BigDecimal("9999.9999"),
                new BigDecimal("123456789.123456789"),
                new BigDecimal("-" + "9".repeat(100) + "." + "1".repeat(50)),
                new BigDecimal(BigInteger.ONE, 1000),
                new BigDecimal(BigInteger.valueOf(-7), -37),
                BigDecimal.valueOf(Long.MIN_VALUE),
                BigDecimal.valueOf(Long.MAX_VALUE, 7),
                new BigDecimal(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE), 3),
                Long.MIN_VALUE,
                Long.MAX_VALUE,
                0L,
                Integer.MIN_VALUE,
                (short) -1,
                (byte) 100,
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                -0.0,
                0.0,
                1.0E10,
                1.0E-5,
                0.1,
                -1.0E300,
                Double.MIN_VALUE,
                0.1f,
                Float.NaN));
    for (int i = 0; i < 500; i++) {
      BigInteger unscaled = new BigInteger(1 + random.nextInt(200), random);
      v.add(
          new BigDecimal(
              random.nextBoolean() ? unscaled : unscaled.negate(), random.nextInt(90) - 30));
      v.add(BigDecimal.valueOf(random.nextLong(), random.nextInt(40) - 10));
      v.add(random.nextLong() >> random.nextInt(64));
      v.add(Double.longBitsToDouble(random.nextLong()));
    }
    return v;
  }

  private static List<Object> jsons() {
    return List.of(
        "{}",
        "[1, 2, 3]",
        "null",
        "\"é😀\"",
        " { \"b\" : 1 , \"a\" : [true, false, null], \"a\": 2 } ",
        "1.50",
        "1e400",
        "{\"tab\\there\": \"back\\\\slash\"}",
        "-0");
  }

  private static List<Object> bytes(Random random) {
    List<Object> v = new ArrayList<>();
    v.add(new byte[0]);
    v.add(new byte[] {0});
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    v.add(all);
    for (int i = 0; i < 50; i++) {
      byte[] b = new byte[random.nextInt(40)];
      random.nextBytes(b);
      v.add(b);
    }
    return v;
  }

  /** What a text column receives from fields whose type it was widened from. */
  private static List<Object> nonStrings(Random random) {
    List<Object> v =
        new ArrayList<>(
            List.of(
                true,
                false,
                0L,
                Long.MIN_VALUE,
                Long.MAX_VALUE,
                -42,
                (short) 5,
                (byte) -1,
                Double.NaN,
                Double.NEGATIVE_INFINITY,
                1.0E10,
                -0.0,
                0.1f,
                new BigDecimal("1E+3"),
                new BigDecimal("-0.000"),
                new BigInteger("123456789012345678901234567890"),
                Instant.parse("2026-11-20T08:00:00Z"),
                Instant.parse("2026-11-20T08:00:00.5Z"),
                Instant.parse("0001-01-01T00:00:00.000000001Z"),
                Instant.parse("1969-12-31T23:59:59.999999999Z"),
                Instant.parse("0000-12-31T23:59:59Z"), // Instant.toString: any year is text
                Instant.parse("+10000-01-01T00:00:00Z"),
                LocalDate.of(2026, 1, 2),
                LocalDate.of(10_000, 1, 1),
                LocalDateTime.of(2026, 1, 2, 3, 4),
                LocalDateTime.of(2026, 1, 2, 3, 4, 5, 6),
                new byte[0],
                new byte[] {0x0a, 0x1b, (byte) 0xff}));
    for (int i = 0; i < 100; i++) {
      v.add(random.nextLong() >> random.nextInt(64));
      v.add(Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000)));
    }
    return v;
  }

  // ---- the two COPY paths ----

  /** COPYs rows both ways into two new tables and asserts they hold the same rows. */
  private static void assertSameTables(PgType[] types, List<Object[]> rows) throws Exception {
    assertSameTables(types, ddl(types), rows);
  }

  /** As above, into columns declared {@code ddl} (which may add a typmod to {@code types}). */
  private static void assertSameTables(PgType[] types, String[] ddl, List<Object[]> rows)
      throws Exception {
    String text = textCopy(ddl, rows);
    String binary = binaryCopy(types, ddl, rows);
    try (Connection c = DB.connect();
        Statement st = c.createStatement()) {
      st.execute("SET TimeZone = 'UTC'");
      List<String> textRows = rowTexts(st, text);
      List<String> binaryRows = rowTexts(st, binary);
      assertThat(textRows).hasSize(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        assertThat(binaryRows.get(i))
            .as("row %d: %s", i, Arrays.deepToString(rows.get(i)))
            .isEqualTo(textRows.get(i));
      }
      for (String[] pair : new String[][] {{text, binary}, {binary, text}}) {
        try (ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM (TABLE "
                    + pair[0]
                    + " EXCEPT ALL TABLE "
                    + pair[1]
                    + ") d")) {
          rs.next();
          assertThat(rs.getLong(1)).as("%s EXCEPT ALL %s", pair[0], pair[1]).isZero();
        }
      }
    }
  }

  private static List<String> rowTexts(Statement st, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery("SELECT t::text FROM " + table + " t ORDER BY id")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static String[] ddl(PgType[] types) {
    return Arrays.stream(types).map(PgType::sql).toArray(String[]::new);
  }

  private static String createTable(Connection c, String[] types) throws SQLException {
    String table = schema + ".t" + TABLES.incrementAndGet();
    StringBuilder ddl = new StringBuilder("CREATE TABLE " + table + " (id bigint");
    for (int i = 0; i < types.length; i++) {
      ddl.append(", c").append(i).append(' ').append(types[i]);
    }
    try (Statement st = c.createStatement()) {
      st.execute(ddl.append(')').toString());
    }
    return table;
  }

  private static PgType[] withId(PgType[] types) {
    PgType[] all = new PgType[types.length + 1];
    all[0] = PgType.BIGINT;
    System.arraycopy(types, 0, all, 1, types.length);
    return all;
  }

  /** The current text path: CopyText, UTF-8, COPY ... FROM STDIN. */
  private static String textCopy(PgType[] types, List<Object[]> rows) throws SQLException {
    return textCopy(ddl(types), rows);
  }

  private static String textCopy(String[] ddl, List<Object[]> rows) throws SQLException {
    try (Connection c = DB.connect()) {
      String table = createTable(c, ddl);
      StringBuilder buffer = new StringBuilder();
      CopyText text = new CopyText(buffer);
      for (int r = 0; r < rows.size(); r++) {
        text.field((long) r);
        for (Object value : rows.get(r)) {
          text.field(value);
        }
        text.endRow();
      }
      byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
      CopyIn in = copyIn(c, "COPY " + table + " FROM STDIN");
      try {
        in.writeToCopy(bytes, 0, bytes.length);
        in.endCopy();
      } finally {
        if (in.isActive()) {
          in.cancelCopy();
        }
      }
      return table;
    }
  }

  /** The binary path, flushed in chunks as TableWriter flushes. */
  private static String binaryCopy(PgType[] types, String[] ddl, List<Object[]> rows)
      throws SQLException {
    try (Connection c = DB.connect()) {
      String table = createTable(c, ddl);
      CopyBinary out = new CopyBinary(withId(types));
      CopyIn in = copyIn(c, "COPY " + table + " FROM STDIN (FORMAT binary)");
      try {
        out.header();
        for (int r = 0; r < rows.size(); r++) {
          out.startRow(types.length + 1);
          out.field((long) r);
          for (Object value : rows.get(r)) {
            out.field(value);
          }
          out.endRow();
          if (out.size() >= 1 << 16) {
            in.writeToCopy(out.array(), 0, out.size());
            out.reset();
          }
        }
        out.trailer();
        in.writeToCopy(out.array(), 0, out.size());
        in.endCopy();
      } finally {
        if (in.isActive()) {
          in.cancelCopy();
        }
      }
      return table;
    }
  }

  private static CopyIn copyIn(Connection c, String sql) throws SQLException {
    return c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
  }
}
