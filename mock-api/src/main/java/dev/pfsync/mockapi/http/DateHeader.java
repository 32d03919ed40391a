package dev.pfsync.mockapi.http;

import dev.pfsync.mockapi.data.ServerClock;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Stamps the {@code Date} header of every response from the server's clock, in place of Jetty's
 * wall-clock one: a client that reads the API's time from it sees the skewed or fixed clock that
 * also stamps the data. Like Jetty's, it is the time the request arrived.
 */
final class DateHeader implements HttpConfiguration.Customizer {
  /**
   * RFC 9110's IMF-fixdate (RFC 1123 with a two-digit day): {@code Tue, 01 Dec 2026 22:10:52 GMT}.
   */
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private final ServerClock clock;

  private DateHeader(ServerClock clock) {
    this.clock = clock;
  }

  /** Turns Jetty's own {@code Date} header off and this one on, for every connector. */
  static void install(JavalinConfig cfg, ServerClock clock) {
    DateHeader header = new DateHeader(clock);
    cfg.jetty.modifyHttpConfiguration(
        http -> {
          http.setSendDateHeader(false);
          http.addCustomizer(header);
        });
  }

  /** Re-stamps the answer being built (after the clock moved). */
  static void stamp(Context ctx, ServerClock clock) {
    ctx.header(HttpHeader.DATE.asString(), format(clock.nowSeconds()));
  }

  static String format(long epochSecond) {
    return IMF_FIXDATE.format(Instant.ofEpochSecond(epochSecond));
  }

  @Override
  public Request customize(Request request, HttpFields.Mutable responseHeaders) {
    responseHeaders.put(HttpHeader.DATE, format(clock.nowSeconds()));
    return request;
  }
}
