#!/usr/bin/env bash
# End-to-end benchmarks of pfsync against psql baselines run at the same moment (bench/RESULTS.md).
#   ./bench/run.sh                      # 1,000,000 users over 365 days, page size 1000, all benchmarks
#   ./bench/run.sh --users 100000 --no-freshness        # quick
#   ./bench/run.sh --page-size 10000    # options: --users --days --page-size --small-users
#                                       #   --fresh-rows-per-day --fresh-days 30,365,3650 --no-freshness
#                                       #   --connector-xmx 128m --api-xmx 2g --prefetch (opt-in, off by default)
#                                       #   --repeat N (rounds of benchmark 1, interleaved; prints the median ratio)
#                                       #   --tuned (each round also syncs with README's tuning knobs: page 10000,
#                                       #     synchronous_commit=off, -XX:+UseSerialGC); --tuned-window 7d adds --window 7d
#   ./bench/run.sh --help               # the options
# Needs java 17, psql and PostgreSQL at 127.0.0.1:5432 (user postgres; PGHOST/PGPORT/PGUSER/
# PGDATABASE/PGPASSWORD and PFSYNC_BENCH_JDBC_URL override). The benchmark is the bench module
# (dev.pfsync.bench.Bench), run on the classpath the build writes to bench/target/classpath.txt;
# it starts mock-api/target/mock-api.jar and connector/target/connector.jar as child processes.
# Builds all of them if one is missing (mvn package, tests skipped; REBUILD=1 forces it, e.g.
# after a change). Drops its schemas and stops its mock-api when done.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f mock-api/target/mock-api.jar || ! -f connector/target/connector.jar \
      || ! -f bench/target/classpath.txt || ${REBUILD:-0} == 1 ]]; then
  echo "bench: building the jars and the bench module (mvn package, tests skipped)" >&2
  mvn -B -q -DskipTests package
fi
help=0
for arg in "$@"; do [[ $arg == --help || $arg == -h ]] && help=1; done
if [[ $help == 0 ]]; then
  command -v psql >/dev/null || { echo "bench: psql is required" >&2; exit 2; }
fi
exec java -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.pfsync.bench.Bench "$@"
