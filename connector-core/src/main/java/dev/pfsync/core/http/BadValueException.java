package dev.pfsync.core.http;

/** One value of a record does not fit its declared type; the record is skipped, not the page. */
final class BadValueException extends Exception {
  BadValueException(String reason) {
    super(reason, null, false, false);
  }
}
