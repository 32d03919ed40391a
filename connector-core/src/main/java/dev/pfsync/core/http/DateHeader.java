package dev.pfsync.core.http;

import java.time.Instant;
import java.util.Optional;
import org.apache.hc.client5.http.utils.DateUtils;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;

/**
 * The API's clock as its {@code Date} header tells it (RFC 9110: an origin server with a clock
 * sends one). The incremental cursor moves only to bounds this clock vouches for, so an API whose
 * clock runs behind the connector's loses nothing.
 */
final class DateHeader {
  private DateHeader() {}

  /** The response's {@code Date}, if present and readable. */
  static Optional<Instant> of(HttpResponse response) {
    Header date = response.getFirstHeader("Date");
    if (date == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(DateUtils.parseStandardDate(date.getValue()));
  }
}
