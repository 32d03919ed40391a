package dev.pfsync.core.http;

import java.io.IOException;
import java.util.Optional;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;

/**
 * An unsuccessful response: status, the {@code Retry-After} header and the start of the body (at
 * most {@value #MAX_ERROR_BODY} bytes, enough for any error message; the rest is dropped with the
 * connection, never read).
 */
record HttpReply(int status, Optional<String> retryAfter, byte[] body) {
  static final int MAX_ERROR_BODY = 64 * 1024;

  /** Reads the reply and ends its exchange. */
  static HttpReply read(ClassicHttpResponse response, Exchange exchange) throws IOException {
    byte[] body;
    try {
      body = exchange.body(response).readNBytes(MAX_ERROR_BODY);
    } finally {
      exchange.end(response);
    }
    return new HttpReply(response.getCode(), retryAfter(response), body);
  }

  /** The response's {@code Retry-After} header, if it has one. */
  static Optional<String> retryAfter(ClassicHttpResponse response) {
    return Optional.ofNullable(response.getFirstHeader("Retry-After")).map(Header::getValue);
  }

  /** 429 and 5xx: the server is busy or broken for now. */
  boolean isRetriable() {
    return status == 429 || status >= 500;
  }
}
