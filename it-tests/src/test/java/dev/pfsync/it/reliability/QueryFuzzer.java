package dev.pfsync.it.reliability;

import java.util.List;
import java.util.Random;

/**
 * Random request targets for {@code /v1/users} and {@code /v1/orders}: names, values, encodings.
 */
final class QueryFuzzer {
  private static final List<String> USER_PARAMS =
      List.of("updated_since", "after_id", "updated_before", "limit");
  private static final List<String> ORDER_PARAMS =
      List.of("modified_since", "after_order_id", "modified_before", "limit");
  private static final List<String> JUNK_PARAMS =
      List.of("", "foo", "LIMIT", "limit[]", "updated_since%00", "%zz", "a=b", "%3D", "__proto__");
  private static final List<String> VALUES =
      List.of(
          "2026-11-20T08:00:00Z",
          "2026-11-20T08:00:00.5Z",
          "2026-11-20T08:00:00%2B01:00",
          "2026-11-20T08:00:00+01:00",
          "+999999999-12-31T23:59:59Z",
          "-999999999-01-01T00:00:00Z",
          "1970-01-01T00:00:00Z",
          "9999-12-31T23:59:59Z",
          "0",
          "-1",
          "1",
          "10000",
          "10001",
          "99999999999999999999",
          "1e3",
          "NaN",
          "0x10",
          "",
          "%",
          "%zz",
          "%00",
          "%C3%28",
          "%F0%9F%92%A9",
          "%27%3B%20DROP%20TABLE%20users%3B--",
          "'",
          "\"",
          "null",
          "true",
          "ffffffffffffffff",
          "00000000000000000",
          "1700000000000",
          "-9223372036854775808",
          "9223372036854775807");

  private QueryFuzzer() {}

  static String target(Random r) {
    boolean orders = r.nextInt(4) == 0;
    StringBuilder s = new StringBuilder(orders ? "/v1/orders" : "/v1/users");
    List<String> names = orders ? ORDER_PARAMS : USER_PARAMS;
    int count = r.nextInt(6);
    for (int i = 0; i < count; i++) {
      s.append(i == 0 ? '?' : '&');
      String name =
          r.nextInt(8) == 0
              ? JUNK_PARAMS.get(r.nextInt(JUNK_PARAMS.size()))
              : names.get(r.nextInt(names.size()));
      s.append(name);
      if (r.nextInt(10) != 0) {
        s.append('=').append(value(r));
      }
    }
    return s.toString();
  }

  private static String value(Random r) {
    return switch (r.nextInt(10)) {
      case 0 -> "x".repeat(r.nextInt(3_000));
      case 1 -> Long.toString(r.nextLong());
      case 2 -> "%" + Integer.toHexString(r.nextInt(256));
      default -> VALUES.get(r.nextInt(VALUES.size()));
    };
  }
}
