#!/usr/bin/env bash
# The main job, end to end: build, start the mock API (1,000,000 users over 365 days), run a full
# Priority-First Sync into PostgreSQL with live progress, print the summary, check the destination
# against the API's ground truth, stop the API.
#
#   ./demo.sh                       # defaults below
#   USERS=100000 DAYS=30 ./demo.sh  # smaller
#
# PostgreSQL: $PFSYNC_JDBC_URL / PG* variables if set, else localhost:5432, else an embedded server
# with data in ./.pfsync/postgres. Data lands in schema $SCHEMA (default pfsync_demo).
set -euo pipefail
cd "$(dirname "$0")"

USERS=${USERS:-1000000}
DAYS=${DAYS:-365}
SCHEMA=${SCHEMA:-pfsync_demo}
CONNECTOR_ID=${CONNECTOR_ID:-demo}
JAVA=${JAVA:-java}

if [[ ! -f mock-api/target/mock-api.jar || ! -f connector/target/connector.jar || ${REBUILD:-1} == 1 ]]; then
  echo "demo: building (mvn package, tests skipped; run 'mvn verify' for the tests)"
  mvn -B -q -DskipTests package
fi

log=$(mktemp -t pfsync-mock-api.XXXXXX.log)
echo "demo: starting mock-api with $USERS users over $DAYS days (log: $log)"
"$JAVA" -Xmx3g -jar mock-api/target/mock-api.jar --port 0 --admin \
  --users "$USERS" --history-days "$DAYS" >"$log" 2>&1 &
api_pid=$!
trap 'kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true' EXIT

url=""
for _ in $(seq 1 600); do
  url=$(grep -o 'http://[0-9.:]*' "$log" | head -n1 || true)
  [[ -n "$url" ]] && break
  kill -0 "$api_pid" 2>/dev/null || { cat "$log"; echo "demo: mock-api did not start" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$url" ]] || { echo "demo: mock-api did not report its address" >&2; exit 1; }
echo "demo: mock-api ready at $url"

connector() {
  "$JAVA" -Xmx512m -jar connector/target/connector.jar "$@" \
    --api-url "$url" --schema "$SCHEMA" --connector-id "$CONNECTOR_ID" \
    --history-start "$((DAYS + 1))d"
}

connector reset --drop-tables
connector sync --until-complete
echo "demo: comparing the destination with the source's /admin/truth"
connector verify
