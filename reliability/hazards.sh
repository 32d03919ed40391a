#!/usr/bin/env bash
# The real-world hazards of issue 12, each played against one connector jar, one table row each:
# what happened (exit codes, verify, row counts, the key stderr line) and a verdict, OK when the
# sync was exact or failed cleanly as the issue demands, BAD otherwise. The standalone twin of
# it-tests' dev.pfsync.it.realworld ITs, so the same scenarios can run against an older build.
#
#   mvn -B -q -DskipTests package                         # connector and mock-api jars
#   ./reliability/hazards.sh                        # this repo's connector/target/connector.jar
#   ./reliability/hazards.sh /tmp/old/connector/target/connector.jar     # a build before the fixes
#
# Needs PostgreSQL at 127.0.0.1:5432, user postgres (trust), pgbouncer (/usr/sbin/pgbouncer), curl,
# gawk. Uses the database $PGDATABASE (default pfs_hazards, created if missing; never postgres),
# one fresh schema and connector id per scenario, dropped at the end with their _pfsync rows. The
# source is this repo's mock-api jar (MOCK_API_JAR to override; it needs --clock-offset and
# commit_delay_ms) or reliability/StubUsersApi.java. KEEP_LOGS=1 keeps the logs' directory;
# ONLY="4 5" runs only those hazards.
# Exit status 0 when every verdict is OK. Takes a few minutes.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$(realpath "${1:-$ROOT/connector/target/connector.jar}")
MOCK=${MOCK_API_JAR:-$ROOT/mock-api/target/mock-api.jar}
STUB=$ROOT/reliability/StubUsersApi.java
DB=${PGDATABASE:-pfs_hazards}
PSQL=(psql -h 127.0.0.1 -p 5432 -U postgres -X -q -A -t -v ON_ERROR_STOP=1)
JDBC="jdbc:postgresql://127.0.0.1:5432/$DB"

die() { echo "hazards.sh: $*" >&2; exit 2; }
[[ -f $JAR ]] || die "no connector jar at $JAR"
[[ -f $MOCK ]] || die "no mock-api jar at $MOCK (mvn -B -q -DskipTests package)"
[[ $DB != postgres ]] || die "PGDATABASE=postgres: give a database of its own"
[[ $DB =~ ^[a-z_][a-z0-9_]*$ ]] || die "PGDATABASE must be a plain lower-case name"
if [[ -z $("${PSQL[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'") ]]; then
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB"
fi
# Nothing from the caller's environment reaches the connector but what each scenario passes.
for v in $(compgen -e | grep '^PFSYNC_' || true); do unset "$v"; done
export PFSYNC_EMBEDDED=never

WORK=$(mktemp -d /tmp/pfs-hazards.XXXXXX)
TAG=$(date +%s | tail -c 6)$RANDOM
PIDS=()     # every process started here, stopped at exit
SCHEMAS=()  # every schema a scenario used
ROWS=()     # the table
BAD=0

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    stop "$pid"
  done
  local s sql=""
  for s in "${SCHEMAS[@]}"; do
    sql+="DROP SCHEMA IF EXISTS \"$s\" CASCADE;"
  done
  for s in state runs leases rejected; do
    if [[ -n $("${PSQL[@]}" -d "$DB" -c "SELECT to_regclass('_pfsync.$s')") ]]; then
      sql+="DELETE FROM _pfsync.$s WHERE connector_id LIKE 'hz-$TAG-%';"
    fi
  done
  "${PSQL[@]}" -d "$DB" -c "$sql" >/dev/null 2>&1 || echo "hazards.sh: cleanup failed" >&2
  if [[ ${KEEP_LOGS:-0} == 1 ]]; then
    echo "logs kept in $WORK" >&2
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------
# helpers

log() { echo "[$(date +%T)] $*" >&2; }

# scenario N: a fresh schema and connector id, in $SCHEMA and $ID.
scenario() {
  SCHEMA="hz_${TAG}_$1"
  ID="hz-$TAG-$1"
  SCHEMAS+=("$SCHEMA")
}

# flags ARGS...: ARGS, then this scenario's database flags that ARGS does not give itself.
flags() {
  local f=("$@" --db-user postgres --connector-id "$ID")
  [[ " $* " == *" --jdbc-url "* ]] || f+=(--jdbc-url "$JDBC")
  [[ " $* " == *" --schema "* ]] || f+=(--schema "$SCHEMA")
  printf '%s\n' "${f[@]}"
}

# run NAME ARGS...: the connector jar under test with flags ARGS; its exit code in $RC, its output
# in $WORK/NAME.{out,err}.
run() {
  local name=$1 args
  shift
  mapfile -t args < <(flags "$@")
  RC=0
  timeout -k 10 300 java -jar "$JAR" "${args[@]}" >"$WORK/$name.out" 2>"$WORK/$name.err" || RC=$?
  echo "$RC" >"$WORK/$name.rc"
}

# await FILE PATTERN PID: waits until FILE has a line matching PATTERN (PID still alive), 90 s.
await() {
  local i
  for ((i = 0; i < 900; i++)); do
    if grep -q "$2" "$1" 2>/dev/null; then
      return 0
    fi
    kill -0 "$3" 2>/dev/null || die "process $3 ended before '$2': $(tail -3 "$1" "$1.err" 2>&1)"
    sleep 0.1
  done
  die "no '$2' in $1 after 90 s"
}

# start_mock ARGS...: mock-api on a free port with /admin; its URL in $API, its pid in $SOURCE.
start_mock() {
  local out=$WORK/mock-$SCHEMA.out
  java -jar "$MOCK" --port 0 --admin "$@" >"$out" 2>"$out.err" &
  SOURCE=$!
  PIDS+=("$SOURCE")
  await "$out" 'listening on http' "$SOURCE"
  API=$(grep -o 'http://[0-9.:]*' "$out" | head -1)
}

# start_stub RECORDS [--ignore-limit]: StubUsersApi on a free port; $API, $SOURCE.
start_stub() {
  local out=$WORK/stub-$SCHEMA.out
  java "$STUB" "$@" >"$out" 2>"$out.err" &
  SOURCE=$!
  PIDS+=("$SOURCE")
  await "$out" 'stub listening on http' "$SOURCE"
  API=$(grep -o 'http://[0-9.:]*' "$out" | head -1)
}

# stop PID: ends a process this script started and waits for it.
stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  forget "$1"
}

# forget PID: a process of ours that has ended and been waited for (its pid may be reused).
forget() {
  local p left=()
  for p in "${PIDS[@]}"; do
    [[ $p == "$1" ]] || left+=("$p")
  done
  PIDS=("${left[@]}")
}

mutate() {
  curl -sf -X POST -H 'Content-Type: application/json' -d "$1" "$API/admin/mutations" >/dev/null
}

# verify NAME: the jar's own verify against /admin/truth; "MATCH", "MISMATCH" or "exit N" in $V.
verify() {
  run "$1" verify --api-url "$API"
  V=$(grep -o 'MISMATCH\|MATCH' "$WORK/$1.out" | head -1 || true)
  [[ -n $V ]] || V="exit $RC: $(keyline "$WORK/$1")"
  TRUTH=$(curl -sf "$API/admin/truth?resource=users" | wc -l)
}

# count [SCHEMA [WHERE]]: rows of SCHEMA.user, 0 without the table.
count() {
  local s=${1:-$SCHEMA}
  if [[ -z $("${PSQL[@]}" -d "$DB" -c "SELECT to_regclass('\"$s\".\"user\"')") ]]; then
    echo 0
  else
    "${PSQL[@]}" -d "$DB" -c "SELECT count(*) FROM \"$s\".\"user\" WHERE ${2:-true}"
  fi
}

# state: the connector's state row as text (empty without one).
state() {
  "${PSQL[@]}" -d "$DB" -c "SELECT state::text FROM _pfsync.state WHERE connector_id = '$ID'"
}

# rejected: records of this connector in _pfsync.rejected, or "no _pfsync.rejected table".
rejected() {
  if [[ -z $("${PSQL[@]}" -d "$DB" -c "SELECT to_regclass('_pfsync.rejected')") ]]; then
    echo "no _pfsync.rejected table"
  else
    "${PSQL[@]}" -d "$DB" -c "SELECT count(*) FROM _pfsync.rejected WHERE connector_id = '$ID'"
  fi
}

# keyline LOG: the line of LOG.err (else LOG.out) that says what went wrong, without the log
# prefix, shortened for the table (this run's tag in names becomes T, its directory goes).
KEYWORDS='error|exception|fail|violat|refus|exists|mismatch|unrecognized'
keyline() {
  local f line
  for f in "$1.err" "$1.out"; do
    line=$(grep -aEim1 "$KEYWORDS" "$f" || true)
    [[ -n $line ]] && break
  done
  [[ -n $line ]] || line=$(grep -av '^\s*$' "$1.err" | tail -1 || true)
  line=$(sed -E "s/^[0-9:. -]*(ERROR|WARN|INFO)? *(\[[^]]*\])? *(pfsync: )?//" <<<"$line")
  line=${line//$TAG/T}
  line=${line//$WORK\//}
  ((${#line} > 160)) && line="${line:0:157}..."
  echo "${line:-(nothing on stderr)}"
}

# failed NAME...: "; <key line>" for each run NAME that did not exit 0 (see run).
failed() {
  local n
  for n in "$@"; do
    if [[ $(cat "$WORK/$n.rc") != 0 ]]; then
      echo -n "; $n: $(keyline "$WORK/$n")"
    fi
  done
}

# row N HAZARD WHAT OK|BAD
row() {
  ROWS+=("| $1 | $2 | ${3//|/\\|} | $4 |")
  [[ $4 == OK ]] || BAD=$((BAD + 1))
  log "$1 $4: $3"
}

iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }

# users FROM N PREFIX CREATED [STEP]: N well-formed records, one a line as StubUsersApi reads
# them: ids PREFIX100000 on, updatedAt FROM (epoch seconds) then every STEP microseconds (default
# one second), createdAt the JSON text CREATED.
users() {
  gawk -v from="$1" -v n="$2" -v p="$3" -v created="$4" -v step="${5:-1000000}" 'BEGIN {
    for (i = 0; i < n; i++) {
      us = i * step; frac = us % 1000000; id = p (100000 + i)
      t = strftime("%Y-%m-%dT%H:%M:%S", from + int(us / 1000000), 1)
      t = t (frac ? sprintf(".%06d", frac) : "") "Z"
      printf "%s\t%s\t{\"id\":\"%s\",\"name\":\"n-%s\",", t, id, id, id
      printf "\"createdAt\":%s,\"updatedAt\":\"%s\",\"deletedAt\":null}\n", created, t
    }
  }'
}

# ---------------------------------------------------------------------------------------------
# 1. The API's clock a minute behind: rows changed after a completed backfill.
hazard_1() {
  local v
  scenario 1
  start_mock --users 3000 --history-days 2 --clock-offset -60s
  run s1-backfill sync --api-url "$API" --until-complete --history-start 3d
  local rc1=$RC
  mutate '{"updates": 30, "inserts": 10, "deletes": 5}'
  mutate '{"updates": 20, "inserts": 5, "deletes": 2, "commit_delay_ms": 1500}'
  sleep 3.5 # the API's clock passes the late commits and the settle
  run s1-sync sync --api-url "$API" --history-start 3d
  local rc2=$RC
  verify s1-verify
  local what="backfill exit $rc1; 72 rows changed (27 committing 1.5 s late), sync exit $rc2;"
  what+=" verify $V ($(count) rows, truth $TRUTH)$(failed s1-backfill s1-sync)"
  [[ $rc1 == 0 && $rc2 == 0 && $V == MATCH ]] && v=OK || v=BAD
  row 1 "API clock 60 s behind the connector's" "$what" "$v"
  stop "$SOURCE"
}

# 2. The same connector id with another --schema.
hazard_2() {
  local v
  scenario 2
  start_mock --users 2000 --history-days 2
  run s2-first sync --api-url "$API" --until-complete --history-start 3d
  local rc1=$RC rows1
  rows1=$(count)
  local other=${SCHEMA}_other
  SCHEMAS+=("$other")
  run s2-other sync --schema "$other" --api-url "$API" --history-start 3d
  local rc2=$RC lines named=no
  lines=$(grep -cv '^\s*$' "$WORK/s2-other.err" || true)
  grep -q "$SCHEMA " "$WORK/s2-other.err" && grep -q "$other" "$WORK/s2-other.err" && named=yes
  local what="first sync exit $rc1 ($rows1 rows$(failed s2-first)); same id, --schema <that>_other:"
  what+=" exit $rc2, $(count "$other") rows there, $lines stderr line(s), names both: $named"
  [[ $rc2 == 0 ]] && what+=" ($(grep -o 'backfill [a-z]*' "$WORK/s2-other.out" | head -1 || true))"
  [[ $rc2 != 0 ]] && what+=": $(keyline "$WORK/s2-other")"
  [[ $rc1 == 0 && $rc2 == 2 && $lines == 1 && $named == yes ]] && v=OK || v=BAD
  row 2 "same --connector-id, another --schema" "$what" "$v"
  stop "$SOURCE"
}

# 3. An earlier --history-start after a completed backfill.
hazard_3() {
  local v
  scenario 3
  start_mock --users 4000 --history-days 10
  run s3-3d sync --api-url "$API" --until-complete --history-start 3d
  local rc1=$RC rows1
  rows1=$(count)
  run s3-11d sync --api-url "$API" --until-complete --history-start 11d
  local rc2=$RC
  verify s3-verify
  local what="--history-start 3d: exit $rc1, $rows1 rows; then 11d: exit $rc2, $(count) rows;"
  what+=" verify $V (truth $TRUTH)$(failed s3-3d s3-11d)"
  [[ $rc1 == 0 && $rc2 == 0 && $V == MATCH ]] && v=OK || v=BAD
  row 3 "earlier --history-start after a completed backfill" "$what" "$v"
  stop "$SOURCE"
}

# 4. createdAt drifts to PostgreSQL's own format.
hazard_4() {
  local v
  scenario 4
  local records=$WORK/s4.tsv
  users $(($(date +%s) - 3600)) 300 u '"2024-01-01 10:00:00+00"' >"$records"
  start_stub "$records"
  run s4-sync sync --api-url "$API" --until-complete
  local rows exact
  rows=$(count)
  exact=$(count "$SCHEMA" "created_at = '2024-01-01T10:00:00Z'")
  local what="300 records, createdAt \"2024-01-01 10:00:00+00\": exit $RC, $rows rows"
  what+=" ($exact with that createdAt)"
  [[ $RC != 0 ]] && what+=": $(keyline "$WORK/s4-sync")"
  [[ $RC == 0 && $rows == 300 && $exact == 300 ]] && v=OK || v=BAD
  row 4 "createdAt as 2024-01-01 10:00:00+00" "$what" "$v"
  stop "$SOURCE"
}

# 5. One poison record among 300 good ones, the last of a full page (so its key becomes the
# cursor in the state), then 50 more good ones and a second sync.
hazard_5() {
  local part=$1 label=$2 sort_id=$3 json=$4
  local v
  scenario "5$part"
  local records=$WORK/s5$part.tsv now
  now=$(date +%s)
  users $((now - 3600)) 300 u '"2024-01-01T10:00:00Z"' 2000000 >"$records" # every other second
  local at
  at=$(iso $((now - 3600 + 197))) # after 99 good ones: the 100th, last of the first page
  printf '%s\t%b\t%s\n' "$at" "$sort_id" "${json//@T@/$at}" >>"$records" # %b: the id may hold \0
  start_stub "$records"
  run "s5$part-1" sync --api-url "$API" --until-complete --page-size 100
  local rc1=$RC err1
  err1=$(keyline "$WORK/s5$part-1")
  users "$(date +%s)" 50 w '"2024-01-01T10:00:00Z"' 0 >>"$records" # one second, after the cursor
  sleep 4 # past the settle (2 s) and the whole second the rows share
  run "s5$part-2" sync --api-url "$API" --page-size 100
  local rc2=$RC good rej poison=none
  good=$(count "$SCHEMA" "id LIKE 'u1%' OR id LIKE 'w1%'")
  rej=$(rejected)
  if (($(count) > good)); then
    poison=$("${PSQL[@]}" -d "$DB" -c "SELECT string_agg(format('%L', id), ', ')
      FROM \"$SCHEMA\".\"user\" WHERE NOT (id LIKE 'u1%' OR id LIKE 'w1%')")
  fi
  local what="sync exit $rc1, later sync exit $rc2; $good of 350 good rows loaded, poison row"
  what+=" loaded: $poison; _pfsync.rejected: $rej"
  [[ $rc1 != 0 ]] && what+="; $err1"
  [[ $rc1 == 0 && $rc2 == 0 && $good == 350 && $rej =~ ^[1-9] ]] && v=OK || v=BAD
  row "5$part" "poison: $label" "$what" "$v"
  stop "$SOURCE"
}

# 6. A page of 60,000 rows for limit=1000.
hazard_6() {
  local v
  scenario 6
  local records=$WORK/s6.tsv
  users $(($(date +%s) - 3600)) 500 u null >"$records"
  start_stub "$records" --ignore-limit
  run s6-good sync --api-url "$API" --until-complete
  local rc1=$RC rows1 state1
  rows1=$(count)
  state1=$(state)
  # 60,000 rows stamped now, a microsecond apart: all on the next incremental page.
  users "$(date +%s)" 60000 v null 1 >>"$records"
  sleep 4 # past the settle (2 s) and the whole second the rows share
  run s6-bad sync --api-url "$API"
  local rc2=$RC rows2 same=no
  rows2=$(count)
  [[ $(state) == "$state1" ]] && same=yes
  local what="500 rows: exit $rc1$(failed s6-good); then a 60,000-row page for limit=1000:"
  what+=" exit $rc2, rows $rows1 -> $rows2, state unchanged: $same"
  [[ $rc2 != 0 ]] && what+="; $(keyline "$WORK/s6-bad")"
  [[ $rc1 == 0 && $rc2 == 1 && $same == yes && $rows2 == "$rows1" ]] &&
    grep -q 'limit=1000' "$WORK/s6-bad.err" && v=OK || v=BAD
  row 6 "page ignoring limit (60,000 rows for limit=1000)" "$what" "$v"
  stop "$SOURCE"
}

# 7. Through pgbouncer in transaction pooling mode.
hazard_7() {
  local v
  scenario 7
  local dir=$WORK/pgbouncer port
  mkdir -p "$dir"
  # Below the ephemeral range (32768+), where an outgoing connection may hold the port.
  for ((port = 20000 + RANDOM % 12000; ; port++)); do # a port nothing listens on
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  echo '"postgres" ""' >"$dir/userlist.txt"
  cat >"$dir/pgbouncer.ini" <<EOF
[databases]
* = host=127.0.0.1 port=5432
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $dir/userlist.txt
pool_mode = transaction
default_pool_size = 2
max_client_conn = 200
ignore_startup_parameters = extra_float_digits
EOF
  local as=()
  if [[ $(id -u) == 0 ]]; then # pgbouncer refuses to run as root
    as=(-u postgres)
    chmod 711 "$WORK"
    chmod 755 "$dir"
    chown -R postgres "$dir"
  fi
  /usr/sbin/pgbouncer "${as[@]}" "$dir/pgbouncer.ini" >"$dir/log" 2>&1 &
  local bouncer=$!
  PIDS+=("$bouncer")
  local i
  for ((i = 0; i < 100; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    kill -0 "$bouncer" 2>/dev/null || die "pgbouncer ended: $(cat "$dir/log")"
    sleep 0.1
  done
  start_mock --users 2000 --history-days 2
  run s7-sync sync --jdbc-url "jdbc:postgresql://127.0.0.1:$port/$DB" \
    --api-url "$API" --until-complete --history-start 3d
  local rc=$RC
  verify s7-verify # directly, not through the pooler
  local what="sync --until-complete through pgbouncer (pool_mode=transaction): exit $rc after"
  what+=" $(grep -c 'run succeeded' "$WORK/s7-sync.out" || true) successful run(s); verify $V"
  what+=" ($(count) rows, truth $TRUTH)"
  [[ $rc != 0 ]] && what+="; $(keyline "$WORK/s7-sync")"
  [[ $rc == 0 && $V == MATCH ]] && v=OK || v=BAD
  row 7 "pgbouncer, transaction pooling" "$what" "$v"
  stop "$SOURCE"
  stop "$bouncer"
}

# 8. sync --follow while the server ends idle sessions after 1 s.
hazard_8() {
  local v
  scenario 8
  start_mock --users 3000 --history-days 2
  run s8-backfill sync --api-url "$API" --until-complete --history-start 3d
  local rc1=$RC
  local killing="$JDBC?options=-c%20idle_session_timeout%3D1000"
  local args
  mapfile -t args < <(flags sync --jdbc-url "$killing" --api-url "$API" --history-start 3d \
    --follow --interval 2s)
  java -jar "$JAR" "${args[@]}" >"$WORK/s8-follow.out" 2>"$WORK/s8-follow.err" &
  local daemon=$!
  PIDS+=("$daemon")
  local start=$SECONDS round
  for round in 1 2 3 4; do
    sleep 2.5 # longer than the idle timeout: the daemon's sessions get ended
    kill -0 "$daemon" 2>/dev/null || break
    mutate '{"updates": 40, "inserts": 10, "deletes": 5}'
    date -u +'%T.%N mutated' >>"$WORK/s8-timeline"
  done
  # The last mutations land: a row stamped in second S is read once the source's clock (its Date,
  # whole seconds, as of the previous answer) minus the settle is past S + 1, i.e. up to ~4 s
  # later, by the next run of the 2 s interval.
  kill -0 "$daemon" 2>/dev/null && sleep 8
  local rc=0 how
  if kill -0 "$daemon" 2>/dev/null; then
    how="running after $((SECONDS - start)) s; SIGTERM:"
    date -u +'%T.%N SIGTERM' >>"$WORK/s8-timeline"
    kill -TERM "$daemon"
    local i=0
    while kill -0 "$daemon" 2>/dev/null && ((i++ < 300)); do
      sleep 0.1
    done
    kill -KILL "$daemon" 2>/dev/null || true
  else
    how="ended by itself within $((SECONDS - start)) s:"
  fi
  wait "$daemon" || rc=$?
  forget "$daemon"
  "${PSQL[@]}" -d "$DB" -c "SELECT started_at, finished_at, rows_upserted, rows_deleted
    FROM _pfsync.runs WHERE connector_id = '$ID' ORDER BY id" >>"$WORK/s8-timeline"
  verify s8-verify
  local what="backfill exit $rc1; --follow --interval 2s, idle_session_timeout=1s, mutations:"
  what+=" $how exit $rc; verify $V ($(count) rows, truth $TRUTH)"
  [[ $how == ended* ]] && what+="; $(keyline "$WORK/s8-follow")"
  what+=$(failed s8-backfill)
  [[ $rc1 == 0 && $how == running* && $rc == 143 && $V == MATCH ]] && v=OK || v=BAD
  row 8 "sync --follow, idle sessions ended by the server" "$what" "$v"
  stop "$SOURCE"
}

# 9. A configuration file with an unquoted secret.
hazard_9() {
  local v
  scenario 9
  local config=$WORK/s9.json
  echo '{"api-token": sk_live_x}' >"$config"
  run s9-sync sync --config "$config"
  local leaks
  leaks=$(cat "$WORK/s9-sync.out" "$WORK/s9-sync.err" | grep -c 'sk_live_x' || true)
  local what="config {\"api-token\": sk_live_x}: exit $RC, output lines with the secret: $leaks;"
  what+=" $(keyline "$WORK/s9-sync")"
  [[ $RC == 2 && $leaks == 0 ]] && v=OK || v=BAD
  row 9 "broken config file holding a secret" "$what" "$v"
}

# ---------------------------------------------------------------------------------------------
want() { [[ -z ${ONLY:-} || " $ONLY " == *" $1 "* ]]; }

log "connector $JAR; mock-api $MOCK; database $DB; logs $WORK"
want 1 && hazard_1
want 2 && hazard_2
want 3 && hazard_3
want 4 && hazard_4
want 5 && hazard_5 a 'key "p\u0000x" (NUL)' 'p\0x' \
  '{"id":"p\u0000x","name":"nul","createdAt":null,"updatedAt":"@T@","deletedAt":null}'
want 5 && hazard_5 b 'createdAt +10000-01-01T00:00:00Z' 'u-y10k' \
  '{"id":"u-y10k","name":"y10k","createdAt":"+10000-01-01T00:00:00Z",'\
'"updatedAt":"@T@","deletedAt":null}'
want 5 && hazard_5 c 'field "ID" next to "id"' 'u-dup' \
  '{"id":"u-dup","ID":"U-DUP","name":"dup","createdAt":null,"updatedAt":"@T@","deletedAt":null}'
want 6 && hazard_6
want 7 && hazard_7
want 8 && hazard_8
want 9 && hazard_9

echo
echo "connector: $JAR"
echo
echo "| # | hazard | what happened | verdict |"
echo "|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
echo
echo "$((${#ROWS[@]} - BAD)) OK, $BAD BAD"
((BAD == 0))
