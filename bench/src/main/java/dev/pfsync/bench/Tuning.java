package dev.pfsync.bench;

import java.util.List;
import java.util.Optional;

/**
 * How a sync is configured: the defaults (with the page size asked for), or the knobs README's
 * "Tuning a big backfill" lists, none of which is a default.
 *
 * @param pageSize {@code --page-size}
 * @param jvmFlags added to the connector's {@code java} command
 * @param jdbcOptions added to the connector's JDBC URL, if any
 * @param window {@code --window}, if not the default
 */
record Tuning(
    int pageSize, List<String> jvmFlags, Optional<String> jdbcOptions, Optional<String> window) {

  /** What the report's note calls the tuned configuration. */
  static final String TUNED_LABEL =
      "--page-size 10000, JDBC options=-c synchronous_commit=off, java -XX:+UseSerialGC";

  Tuning {
    jvmFlags = List.copyOf(jvmFlags);
  }

  static Tuning defaults(int pageSize) {
    return new Tuning(pageSize, List.of(), Optional.empty(), Optional.empty());
  }

  static Tuning tuned(Optional<String> window) {
    return new Tuning(
        10_000,
        List.of("-XX:+UseSerialGC"),
        Optional.of("options=-c%20synchronous_commit%3Doff"),
        window);
  }
}
