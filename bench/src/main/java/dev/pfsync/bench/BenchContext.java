package dev.pfsync.bench;

import java.nio.file.Path;

/**
 * What every benchmark works with.
 *
 * @param options what was asked
 * @param db the PostgreSQL of the syncs and baselines
 * @param work the directory of logs and CSV files (deleted at exit)
 * @param connector runs the connector jar
 * @param psql runs the baselines
 * @param report collects the figures
 */
record BenchContext(
    BenchOptions options, Database db, Path work, Connector connector, Psql psql, Report report) {

  /** A mock-api with {@code users} over {@code days}, started with the asked {@code -Xmx}. */
  MockApiProcess startApi(long users, int days) throws Exception {
    return MockApiProcess.start(options.apiXmx(), work, users, days);
  }

  /** The configuration of the syncs with the defaults (the page size asked for). */
  Tuning defaults() {
    return Tuning.defaults(options.pageSize());
  }
}
