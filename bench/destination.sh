#!/usr/bin/env bash
# Benchmark of destination-postgres against a raw COPY (see bench/RESULTS.md).
# Usage: ./bench/destination.sh [rows]   (default 1000000; database as in the tests:
# PFSYNC_TEST_JDBC_URL, else Docker, else jdbc:postgresql://localhost:5432/postgres)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl destination-postgres test-compile
cp_file=destination-postgres/target/bench.classpath
mvn -B -q -pl destination-postgres org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$(pwd)/$cp_file" >/dev/null
exec java -Xmx4g -cp "destination-postgres/target/test-classes:destination-postgres/target/classes:$(cat "$cp_file")" \
  dev.pfsync.postgres.bench.DestinationBench "$@"
