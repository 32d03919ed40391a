package dev.pfsync.core;

import java.util.Locale;

/** What a run does: read forward from the incremental cursor, or backfill history. */
public enum SyncMode {
  INCREMENTAL,
  HISTORICAL;

  /** The name used in state JSON and in the runs table: {@code incremental}, {@code historical}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a {@link #wireName()}. */
  public static SyncMode fromWireName(String name) {
    for (SyncMode m : values()) {
      if (m.wireName().equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown sync mode: " + name);
  }
}
