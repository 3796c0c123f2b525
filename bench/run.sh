#!/usr/bin/env bash
# Load tests of the records API on the bench enterprise (bench/README.md): starts the release
# server on a generated data directory, signs people in, runs wrk for each scenario and person,
# and prints a Markdown table — p50, p90, p99, requests/s, failed responses, the server's CPU time
# per request and the load average while it ran. Figures go to docs/performance.md by hand, with the machine they came from.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
DATA_DIR=${XIELI_BENCH_DATA:-/tmp/xieli-bench}
SERVER=${XIELI_BENCH_SERVER:-}
DURATION=15s
THREADS=2
CONNECTIONS=8
USERS="admin sales"
SCENARIOS="get list list-nototal search1 search2 search2-nototal search3 search4 create"
OUT=""
IMPORT_FILE=""
SERVER_ARGS=()

usage() {
  cat <<'EOF'
usage: bench/run.sh [options] [-- extra xieli-server flags]
  --data-dir DIR        the generated data directory (default /tmp/xieli-bench, or $XIELI_BENCH_DATA);
                        make it with xieli-bench-gen (bench/README.md)
  --server PATH         the xieli-server to test (default: the newest of build/h-bench and
                        build/release; or $XIELI_BENCH_SERVER)
  --duration D          each wrk run (default 15s)
  --threads N           wrk -t (default 2)
  --connections N       wrk -c (default 8)
  --users "…"           who signs in: admin, sales, manager (default "admin sales")
  --scenarios "…"       get list search1 search2 search3 search4 create; list-nototal,
                        search2-nototal … send total=false (a list counts its matches, up to 1000,
                        unless told not to); default: get list list-nototal search1 search2
                        search2-nototal search3 search4 create. And import:
                        upload an .xlsx of new customers and time the import job (it adds the
                        rows to the enterprise, so it is not in the default list)
  --import-file FILE    for import (default <data-dir>/bench/import-100000.xlsx; make it with
                        xieli-bench-gen --import-only --import-rows 100000)
  --out FILE            also write the table to FILE (default <data-dir>/bench/results-<time>.md)
EOF
}

die() {
  echo "run.sh: $*" >&2
  exit 1
}

while [ $# -gt 0 ]; do
  case $1 in
    --data-dir) DATA_DIR=$2; shift 2 ;;
    --server) SERVER=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --users) USERS=$2; shift 2 ;;
    --scenarios) SCENARIOS=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --import-file) IMPORT_FILE=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    --) shift; SERVER_ARGS=("$@"); break ;;
    *) usage >&2; die "unknown option $1" ;;
  esac
done

# wrk, jq and curl come from Debian; install what is missing, as ./xieli does for its own needs.
need() {
  local cmd=$1 pkg=$2
  command -v "$cmd" >/dev/null && return
  echo "run.sh: installing $pkg"
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y "$pkg" >/dev/null || { apt-get update >/dev/null && apt-get install -y "$pkg" >/dev/null; }
  elif command -v sudo >/dev/null; then
    sudo apt-get install -y "$pkg" >/dev/null
  fi
  command -v "$cmd" >/dev/null || die "$cmd is missing: apt-get install $pkg"
}
need wrk wrk
need jq jq
need curl curl

INFO=$DATA_DIR/bench/bench.json
[ -f "$INFO" ] || die "no bench enterprise in $DATA_DIR; generate it first, e.g.
  build/h-bench/bench/xieli-bench-gen --data-dir $DATA_DIR --customers 1000000 --contacts 2000000 \\
      --opportunities 500000 --followups 5000000"

if [ -z "$SERVER" ]; then
  # shellcheck disable=SC2012 # two fixed paths; ls -t orders them by age
  SERVER=$(ls -t "$ROOT"/build/h-bench/server/xieli-server "$ROOT"/build/release/server/xieli-server 2>/dev/null |
    head -1 || true)
fi
if [ -z "$SERVER" ] || [ ! -x "$SERVER" ]; then
  die "no xieli-server built; see bench/README.md (or pass --server)"
fi

WORK=$(mktemp -d /tmp/xieli-bench-run.XXXXXX)
LOG=$WORK/server.log
"$SERVER" --data-dir "$DATA_DIR" --port 0 --listen 127.0.0.1 --no-access-log --no-demo "${SERVER_ARGS[@]}" \
  >"$LOG" 2>&1 &
SERVER_PID=$!
stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
}
trap stop_server EXIT

PORT=""
for _ in $(seq 1 600); do
  PORT=$(sed -n 's|^Xieli listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$LOG")
  [ -n "$PORT" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$LOG" >&2; die "the server stopped"; }
  sleep 0.1
done
[ -n "$PORT" ] || die "the server did not start within 60 s (log: $LOG)"
BASE=http://127.0.0.1:$PORT

CODE=$(jq -r .tenant.code "$INFO")
PASSWORD=$(jq -r .password "$INFO")
CUSTOMERS=$(jq -r .counts.customers "$INFO")

# A session token for one of the bench people (admin, sales, manager).
sign_in() {
  local login
  login=$(jq -r --arg who "$1" '.users[$who].login' "$INFO")
  curl -sS -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "$(jq -cn --arg l "$login" --arg p "$PASSWORD" --arg t "$CODE" '{login: $l, password: $p, tenant: $t}')" |
    jq -r '.token // empty'
}

# Up to 1000 ids of customers the person may read, for the get-by-id runs of people who do not
# see every customer.
readable_ids() {
  local token=$1 file=$2 cursor="" body
  : >"$file"
  for _ in 1 2 3 4 5; do
    body=$(curl -sS -H "Authorization: Bearer $token" \
      "$BASE/api/v1/objects/customer/records?limit=200&fields=name&sort=id${cursor:+&cursor=$cursor}")
    jq -r '.records[].id' <<<"$body" >>"$file"
    cursor=$(jq -r '.next_cursor // empty' <<<"$body")
    [ -n "$cursor" ] || break
  done
  [ -s "$file" ] || die "found no customer the user may read"
}

# wrk's "1.23ms", "850.00us", "1.20s" as milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.0f", v * 60000 }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.0f", v * 1000 }
    else printf "?" }'
}

# The server's CPU time so far (user + system, in clock ticks): divided by the requests of a run it
# gives the CPU each request cost, a figure that other work on a shared machine barely moves.
server_cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"
}

# Bytes the server has caused to be written to storage (database, WAL).
server_bytes_written() {
  awk '$1 == "write_bytes:" {print $2}' "/proc/$SERVER_PID/io"
}

RUNS_FILE=$DATA_DIR/bench/create-runs
ROWS=()
IMPORT_ROWS=()

# run_wrk USER SCENARIO SCRIPT [VAR=value …]
run_wrk() {
  local user=$1 scenario=$2 script=$3
  shift 3
  local load out raw=$WORK/$user-$scenario.txt cpu_before cpu_after
  load=$(cut -d' ' -f1 /proc/loadavg)
  cpu_before=$(server_cpu_ticks)
  env "$@" LUA_PATH="$BENCH/wrk/?.lua;;" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 30s --latency -s "$BENCH/wrk/$script" "$BASE" >"$raw" 2>&1 ||
    { cat "$raw" >&2; die "wrk failed"; }
  cpu_after=$(server_cpu_ticks)
  out=$(cat "$raw")
  local p50 p90 p99 rps total bad timeouts
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
  p90=$(to_ms "$(awk '$1 == "90%" {print $2}' <<<"$out")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")
  total=$(awk '/requests in/ {print $1}' <<<"$out")
  bad=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
  timeouts=$(sed -n 's/.*timeout \([0-9]*\).*/\1/p' <<<"$out")
  [ -n "$timeouts" ] && [ "$timeouts" != 0 ] && bad="${bad:-0} (+$timeouts timeouts)"
  load="$load → $(cut -d' ' -f1 /proc/loadavg)"
  local cpu
  cpu=$(awk -v t=$((cpu_after - cpu_before)) -v n="$total" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { if (n > 0) printf "%.2f", t * 1000 / hz / n; else print "?" }')
  local row="| $scenario | $user | $p50 | $p90 | $p99 | $rps | $total | ${bad:-0} | $cpu | $load |"
  ROWS+=("$row")
  echo "$row"
}

# One request first, so a scenario that fails shows why before wrk hides it in a count.
probe() {
  local token=$1 method=$2 path=$3 body=${4:-}
  local args=(-sS -o "$WORK/probe.json" -w '%{http_code} %{time_total}' -X "$method" -H "Authorization: Bearer $token")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' -d "$body")
  local result
  result=$(curl "${args[@]}" "$BASE$path")
  case ${result%% *} in
    2??) ;;
    *) echo "  probe $method $path → $result: $(head -c 300 "$WORK/probe.json")" >&2 ;;
  esac
}

urlencode() { jq -rn --arg s "$1" '$s | @uri'; }

now_ms() { date +%s%3N; }

# The import as a person does it: upload the file, start the job with the suggested mapping,
# wait for it. One row in the table: the seconds from the upload's first byte to the job's end.
run_import() {
  local user=$1 token=$2 file=${IMPORT_FILE:-$DATA_DIR/bench/import-100000.xlsx}
  [ -f "$file" ] || die "no import file $file; make it with
  xieli-bench-gen --data-dir $DATA_DIR --import-only --import-rows 100000"
  local t0 t1 t2 upload upload_id rows job job_id status load cpu_before written_before
  load=$(cut -d' ' -f1 /proc/loadavg)
  cpu_before=$(server_cpu_ticks)
  written_before=$(server_bytes_written)
  t0=$(now_ms)
  upload=$(curl -sS -X POST -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' \
    --data-binary @"$file" "$BASE/api/v1/objects/customer/import/upload")
  upload_id=$(jq -r '.upload_id // empty' <<<"$upload")
  [ -n "$upload_id" ] || die "upload failed: $(head -c 500 <<<"$upload")"
  rows=$(jq -r .rows <<<"$upload")
  t1=$(now_ms)
  job=$(curl -sS -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "$(jq -cn --arg u "$upload_id" '{upload_id: $u}')" "$BASE/api/v1/objects/customer/import")
  job_id=$(jq -r '.id // empty' <<<"$job")
  [ -n "$job_id" ] || die "import failed to start: $(head -c 500 <<<"$job")"
  while :; do
    sleep 1
    job=$(curl -sS -H "Authorization: Bearer $token" "$BASE/api/v1/jobs/$job_id")
    status=$(jq -r .status <<<"$job")
    if [ "$status" = "done" ] || [ "$status" = "failed" ]; then break; fi
  done
  t2=$(now_ms)
  jq -c '{status, progress, result, error}' <<<"$job" >&2
  local row cpu written
  cpu=$(awk -v t=$(($(server_cpu_ticks) - cpu_before)) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", t / hz }')
  written=$(awk -v b=$(($(server_bytes_written) - written_before)) 'BEGIN { printf "%.1f", b / 1073741824 }')
  row=$(printf '| import %s rows | %s | upload %.1f s, import %.1f s, **total %.1f s** | %s s | %s GiB | %s | %s |' \
    "$rows" "$user" "$(echo "($t1 - $t0) / 1000" | bc -l)" "$(echo "($t2 - $t1) / 1000" | bc -l)" \
    "$(echo "($t2 - $t0) / 1000" | bc -l)" "$cpu" "$written" \
    "$(jq -r '.result | "created \(.created), skipped \(.skipped), failed \(.failed)"' <<<"$job")" \
    "$load → $(cut -d' ' -f1 /proc/loadavg)")
  IMPORT_ROWS+=("$row")
  echo "$row"
}

# A server that has run for a while has its enterprise's pages in the OS cache; so has this one
# before the first scenario.
cat "$DATA_DIR"/tenants/*.db >/dev/null
# bench.json has the generated count; imports and create runs add to it.
NOW_CUSTOMERS=$(sqlite3 -readonly "$(ls "$DATA_DIR"/tenants/*.db | head -1)" \
  'SELECT count(*) FROM obj_customer WHERE deleted_at IS NULL' 2>/dev/null || echo '?')

echo "# bench/run.sh $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "server: $SERVER (pid $SERVER_PID, port $PORT); $(grep -o 'with [0-9]* workers' "$LOG" | head -1)"
echo "data: $DATA_DIR ($(du -sh "$DATA_DIR" | cut -f1)), $CUSTOMERS customers generated, $NOW_CUSTOMERS now"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --timeout 30s --latency; latencies in ms"
echo

for user in $USERS; do
  token=$(sign_in "$user")
  [ -n "$token" ] || die "cannot sign in as $user"
  export XIELI_TOKEN=$token
  ids_env=(XIELI_CUSTOMERS="$CUSTOMERS")
  if [ "$user" != admin ]; then
    readable_ids "$token" "$WORK/ids-$user.txt"
    ids_env=(XIELI_IDS="$WORK/ids-$user.txt")
  fi
  for scenario in $SCENARIOS; do
    extra=()
    [[ $scenario == *-nototal ]] && extra=(XIELI_QUERY_EXTRA='&total=false')
    case ${scenario%-nototal} in
      get)
        probe "$token" GET "/api/v1/objects/customer/records/$(head -1 "$WORK/ids-$user.txt" 2>/dev/null || echo 1)"
        run_wrk "$user" get get.lua "${ids_env[@]}"
        ;;
      list)
        probe "$token" GET "/api/v1/objects/customer/records?limit=50&sort=-updated_at&filter=$(urlencode \
          '{"and":[{"field":"industry","op":"eq","value":"it"},{"field":"level","op":"eq","value":"a"}]}')"
        run_wrk "$user" "$scenario" list.lua "${extra[@]}"
        ;;
      search1 | search2 | search3 | search4)
        words=$DATA_DIR/bench/keywords-${scenario:6:1}.txt
        if [ "${scenario:6:1}" = 1 ]; then
          # Single characters: the first of each two-character word (the generator writes 2–4).
          words=$WORK/keywords-1.txt
          [ -s "$words" ] || perl -CSD -ne 'print substr($_, 0, 1), "\n" if /\S/' "$DATA_DIR/bench/keywords-2.txt" |
            sort -u >"$words"
        fi
        probe "$token" GET "/api/v1/objects/customer/records?limit=50&q=$(urlencode "$(head -1 "$words")")"
        run_wrk "$user" "$scenario" search.lua XIELI_KEYWORDS="$words" "${extra[@]}"
        ;;
      create)
        run=$(($(cat "$RUNS_FILE" 2>/dev/null || echo 0) + 1))
        echo "$run" >"$RUNS_FILE"
        probe "$token" POST /api/v1/objects/customer/records "{\"name\":\"压测探测客户$run-$user有限公司\"}"
        run_wrk "$user" create create.lua XIELI_RUN_ID="$run"
        ;;
      import) run_import "$user" "$token" ;;
      *) die "unknown scenario $scenario" ;;
    esac
  done
done

OUT=${OUT:-$DATA_DIR/bench/results-$(date -u +%Y%m%d-%H%M%S).md}
{
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency against $SERVER, $NOW_CUSTOMERS customers ($CUSTOMERS generated); load $(cut -d' ' -f1-3 /proc/loadavg) at the end; latencies in ms"
  echo
  echo "| scenario | user | p50 | p90 | p99 | requests/s | requests | non-2xx | server CPU ms/request | load (1 min) before → after |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  [ ${#ROWS[@]} -gt 0 ] && printf '%s\n' "${ROWS[@]}"
  if [ ${#IMPORT_ROWS[@]} -gt 0 ]; then
    echo
    echo "| import | user | time | server CPU | written to disk | result | load (1 min) before → after |"
    echo "| --- | --- | --- | ---: | ---: | --- | --- |"
    printf '%s\n' "${IMPORT_ROWS[@]}"
  fi
} >"$OUT"
echo
cat "$OUT"
echo
echo "(written to $OUT; raw wrk output in $WORK)"
