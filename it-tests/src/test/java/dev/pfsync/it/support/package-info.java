/**
 * Shared support for the end-to-end tests (read-only for other test packages).
 *
 * <ul>
 *   <li>{@link dev.pfsync.it.support.MockApi}: the mock API in-process on port 0, plus its admin
 *       control plane (mutations, clock, faults, truth).
 *   <li>{@link dev.pfsync.it.support.SyncTarget}: a fresh schema + connector id in the test
 *       PostgreSQL, with readers for state, rows, counts and runs.
 *   <li>{@link dev.pfsync.it.support.InProcessCli} and {@link dev.pfsync.it.support.ConnectorJar}:
 *       the connector CLI in this JVM (injectable clock) or as the jar subprocess, both returning a
 *       {@link dev.pfsync.it.support.CliResult}.
 *   <li>{@link dev.pfsync.it.support.TestClock}, {@link dev.pfsync.it.support.TestSettings}, {@link
 *       dev.pfsync.it.support.Engines}: an in-process {@code SyncEngine} under the test's control.
 *   <li>{@link dev.pfsync.it.support.Truth}: the destination compared with {@code /admin/truth}.
 * </ul>
 */
package dev.pfsync.it.support;
