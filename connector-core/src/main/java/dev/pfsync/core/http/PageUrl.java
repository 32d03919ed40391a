package dev.pfsync.core.http;

import dev.pfsync.core.CursorFormat;
import dev.pfsync.core.PageRequest;
import dev.pfsync.core.QueryParams;
import dev.pfsync.core.TableBinding;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The URL of one page request: {@code baseUrl + endpoint} with the keyset query parameters,
 * URL-encoded. It carries no credentials, so it is safe to log and to put in messages.
 */
record PageUrl(URI uri, String pathAndQuery) {

  static PageUrl of(URI baseUrl, TableBinding table, PageRequest request) {
    QueryParams p = table.params();
    StringBuilder query = new StringBuilder();
    append(query, p.since(), format(request.from().since(), table.cursorFormat()));
    request.from().afterKey().ifPresent(key -> append(query, p.after(), key));
    request.before().ifPresent(b -> append(query, p.before(), format(b, table.cursorFormat())));
    append(query, p.limit(), Integer.toString(request.limit()));

    String base = baseUrl.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    String basePath = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
    if (basePath.endsWith("/")) {
      basePath = basePath.substring(0, basePath.length() - 1);
    }
    String pathAndQuery = basePath + table.endpoint() + "?" + query;
    return new PageUrl(URI.create(base + table.endpoint() + "?" + query), pathAndQuery);
  }

  /** A cursor value as the source writes it, in query parameters and in {@code next}. */
  static String format(Instant instant, CursorFormat format) {
    return switch (format) {
      case ISO_INSTANT -> instant.toString();
      // Rounded up: rows carry whole milliseconds, so ">= ceil(t)" is exactly ">= t" (and
      // "< ceil(t)" is "< t"); rounding down would return rows before the position.
      case EPOCH_MILLIS -> Long.toString(ceilMillis(instant));
    };
  }

  private static long ceilMillis(Instant instant) {
    long millis = instant.toEpochMilli();
    return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
  }

  private static void append(StringBuilder query, String name, String value) {
    if (query.length() > 0) {
      query.append('&');
    }
    query.append(encode(name)).append('=').append(encode(value));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
