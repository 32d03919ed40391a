package dev.pfsync.core.http;

import java.io.InterruptedIOException;

/**
 * A request outlived {@link HttpSourceConfig#requestTimeout()} and was aborted: a timeout, retried
 * like one (and, mid-body, a lost connection that voids the page).
 */
final class RequestDeadlineException extends InterruptedIOException {
  RequestDeadlineException(String message, Throwable cause) {
    super(message);
    initCause(cause);
  }
}
