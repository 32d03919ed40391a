#!/usr/bin/env bash
# Starts the mock API as its own process with 1,000,000 users, reports how long it took to be
# ready, then walks every /v1/users page over HTTP with the keyset (limit 10000 and 1000) and
# prints rows/s. Build first: mvn -B -q -pl mock-api package -DskipTests
set -euo pipefail
cd "$(dirname "$0")"
JAR=target/mock-api.jar
USERS=${USERS:-1000000}
LIMITS=${LIMITS:-10000,1000}
[ -f "$JAR" ] || { echo "bench.sh: $JAR missing; run: mvn -B -q -pl mock-api package -DskipTests" >&2; exit 2; }

OUT=$(mktemp)
start=$(date +%s%N)
java -jar "$JAR" --port 0 --users "$USERS" --now 2026-11-20T08:00:00Z >"$OUT" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -f "$OUT"' EXIT
until grep -q 'listening on' "$OUT"; do
  kill -0 $SERVER 2>/dev/null || { echo "bench.sh: server died" >&2; exit 1; }
  sleep 0.05
done
ready=$(( ($(date +%s%N) - start) / 1000000 ))
URL=$(grep -o 'http://[^ ]*' "$OUT")
echo "server ready in ${ready} ms (JVM start included): $(cat "$OUT")"
java -cp "$JAR" dev.pfsync.mockapi.bench.WalkBenchmark --url "$URL" --limits "$LIMITS"
