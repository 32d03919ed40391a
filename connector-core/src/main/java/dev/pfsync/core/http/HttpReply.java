package dev.pfsync.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/**
 * A response read whole: status, the {@code Retry-After} header, the body bytes. Reading the whole
 * body before parsing makes a connection dropped mid-body an {@link IOException} (retriable) rather
 * than a parse error.
 */
record HttpReply(int status, Optional<String> retryAfter, byte[] body) {

  static HttpReply read(ClassicHttpResponse response) throws IOException {
    Header retryAfter = response.getFirstHeader("Retry-After");
    HttpEntity entity = response.getEntity();
    byte[] body = new byte[0];
    if (entity != null) {
      try (InputStream in = entity.getContent()) {
        body = in.readAllBytes();
      }
    }
    return new HttpReply(
        response.getCode(), Optional.ofNullable(retryAfter).map(Header::getValue), body);
  }

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** 429 and 5xx: the server is busy or broken for now. */
  boolean isRetriable() {
    return status == 429 || status >= 500;
  }
}
