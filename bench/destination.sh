#!/usr/bin/env bash
# Benchmark of destination-postgres against a raw COPY (see bench/RESULTS.md).
# Usage: ./bench/destination.sh [rows]   (default 1000000; database as in the tests:
# PFSYNC_TEST_JDBC_URL, else Docker, else jdbc:postgresql://localhost:5432/postgres)
# Builds the bench module and what it depends on (connector-core, destination-postgres and its
# test fixtures) first, so it always measures the code as it is, then runs
# dev.pfsync.bench.destination.DestinationBench on the classpath the build wrote.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -pl bench -am package
exec java -Xmx4g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.pfsync.bench.destination.DestinationBench "$@"
