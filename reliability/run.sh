#!/usr/bin/env bash
# The reliability campaign (docs/RELIABILITY.md): builds the jars, runs every scenario of
# it-tests' dev.pfsync.it.reliability at full size against a real mock-api and the PostgreSQL at
# 127.0.0.1:5432, and prints the table (also left in it-tests/target/reliability-table.md).
#
#   ./reliability/run.sh              # random seed (printed)
#   SEED=1234 ./reliability/run.sh    # the same draws again
#   FULL=false ./reliability/run.sh   # the short version that `mvn verify` / .ci/run also runs
set -euo pipefail
cd "$(dirname "$0")/.."

args=(-B verify -Preliability -pl it-tests -am
      -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false)  # upstream unit tests: run by mvn verify
[[ -n "${SEED:-}" ]] && args+=("-Dpfsync.reliability.seed=$SEED")
[[ "${FULL:-true}" == "false" ]] && args+=("-Dpfsync.reliability.full=false")

status=0
mvn "${args[@]}" || status=$?
table=it-tests/target/reliability-table.md
if [[ -f "$table" ]]; then
  echo
  cat "$table"
fi
exit "$status"
