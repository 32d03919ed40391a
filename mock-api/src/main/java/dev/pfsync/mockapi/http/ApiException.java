package dev.pfsync.mockapi.http;

import java.util.Map;
import java.util.Optional;

/** An HTTP error answer: status, message, the offending parameter if any, extra headers. */
public final class ApiException extends RuntimeException {
  private final int status;
  private final Optional<String> param;
  private final Map<String, String> headers;

  public ApiException(
      int status, String message, Optional<String> param, Map<String, String> headers) {
    super(message);
    this.status = status;
    this.param = param;
    this.headers = Map.copyOf(headers);
  }

  /** 400 naming the parameter (or body field) at fault. */
  public static ApiException badRequest(String param, String message) {
    return new ApiException(400, message, Optional.of(param), Map.of());
  }

  public int status() {
    return status;
  }

  public Optional<String> param() {
    return param;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
