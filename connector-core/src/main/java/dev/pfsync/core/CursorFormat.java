package dev.pfsync.core;

/** How a source writes its cursor field, in rows and in query parameters. */
public enum CursorFormat {
  /** ISO-8601 instant text, e.g. {@code 2026-11-20T08:00:00Z}. */
  ISO_INSTANT,
  /** Integer milliseconds since the epoch, e.g. {@code 1763625600000}. */
  EPOCH_MILLIS
}
