package dev.pfsync.postgres.internal;

import java.time.Duration;

/**
 * A lease this process holds or asks for: one resource of one connector (the whole connector is
 * {@link #CONNECTOR}), held by {@code owner} for {@code duration} past its last renewal.
 */
public record Lease(String connectorId, String resource, String owner, Duration duration) {
  /** The resource of a whole connector: who runs it. */
  public static final String CONNECTOR = "connector";

  /** How often the holder renews: a third of the lease, so two renewals may fail in a row. */
  public Duration renewEvery() {
    return duration.dividedBy(3);
  }
}
