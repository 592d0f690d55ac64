#!/usr/bin/env bash
# Chat benchmark, a class at once (issue #18): N students launch into one activity, then each sends
# one message at the same moment; the replies stream from a test model that writes like a real one.
#   bench/chat.sh                                             # N=1000 CHUNKS=20 INTERVAL_MS=200 FIRST_MS=200
#   N=2000 CHUNKS=20 INTERVAL_MS=200 FIRST_MS=200 bench/chat.sh
#   SERVER_OPTS=-Xmx1g PORT=18290 MODEL_PORT=18291 BENCH_DB=ltibridge_bench_chat   # the other defaults
#   LTI_BRIDGE_MODEL_MAX_CONCURRENT=2000 N=2000 bench/chat.sh   # a build with #18's cap on model
#                                     requests (default 100): raised for the run, as the environment
#                                     reaches the server
# Starts the test model (bench/chat-model.mjs) and LTI Bridge on PostgreSQL, points the demo
# organisation's model endpoint at the test model through the admin API, then runs the class
# (bench/chat-class.mjs: the N launches, the release, the replies, launches going on meanwhile).
# Before the release, other students chat round after round for at least a minute (WARMUP_STUDENTS,
# WARMUP_ROUNDS, WARMUP_S), so that the server is measured warm, as during a working day.
# While the replies stream, the driver reads the server's RSS and thread count from /proc every
# 250 ms; at the end the server's CPU per reply is shown by kind of thread.
# Prints one block of figures; the server and the model are stopped when the script ends.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}; CHUNKS=${CHUNKS:-20}; INTERVAL_MS=${INTERVAL_MS:-200}; FIRST_MS=${FIRST_MS:-200}
PORT=${PORT:-18290}; MODEL_PORT=${MODEL_PORT:-18291}; DB=${BENCH_DB:-ltibridge_bench_chat}
PGHOST=${PGHOST:-127.0.0.1}

# A socket per student in the driver, in the server (two: the student's and its model request) and
# in the test model.
ulimit -n "$(ulimit -Hn)"
(( $(ulimit -n) >= 3 * N + 1000 )) || echo "warning: ulimit -n is $(ulimit -n), low for N=$N" >&2

# On a shared machine another bench may hold a port: start_server would then wait for, and this
# script configure and load, someone else's server. Refuse instead.
for p in "$PORT" "$MODEL_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is in use: set PORT / MODEL_PORT" >&2; exit 1; fi
done

source bench/server.sh
BENCH_PG_DB=$DB # PostgreSQL's CPU: only this database's backends (the machine is shared)
export LTI_GLOBAL_CONSUMER_KEY=bench-key LTI_GLOBAL_SECRET=bench-secret-0123456789
start_server "$DB" true

node bench/chat-model.mjs "$MODEL_PORT" "$CHUNKS" "$INTERVAL_MS" "$FIRST_MS" > "$work/model.log" 2>&1 &
model=$!
on_exit 'kill $model 2>/dev/null'
for i in $(seq 1 50); do curl -sf "http://127.0.0.1:$MODEL_PORT/stats" >/dev/null && break; sleep 0.1; done

# The demo organisation's model endpoint, set as an admin does (the admin API's token, then PUT);
# its assistants already name a model.
admin_token=$(curl -sf "http://127.0.0.1:$PORT/api/v1/admin/token" \
  --data-urlencode username=admin --data-urlencode password=bench-admin-password |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).access_token))')
curl -sf -X PUT "http://127.0.0.1:$PORT/api/v1/admin/organizations/demo/model-endpoint" \
  -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
  -d "{\"base_url\": \"http://127.0.0.1:$MODEL_PORT/v1\", \"api_key\": \"sk-bench-model\"}" >/dev/null

echo "LTI Bridge chat benchmark, a class at once — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), node $(node --version), PostgreSQL $(psql -h "$PGHOST" -U postgres -tAc 'show server_version'), server ${SERVER_OPTS:--Xmx1g}"
[[ -z "${LTI_BRIDGE_MODEL_MAX_CONCURRENT:-}" ]] || echo "  LTI_BRIDGE_MODEL_MAX_CONCURRENT=$LTI_BRIDGE_MODEL_MAX_CONCURRENT"
echo "  the test model: $CHUNKS chunks per reply, the first after $FIRST_MS ms, then one every $INTERVAL_MS ms ($(( FIRST_MS + (CHUNKS - 1) * INTERVAL_MS )) ms a reply)"
SERVER_PID=$server node bench/chat-class.mjs "http://127.0.0.1:$PORT/" bench-key bench-secret-0123456789 "$N" "$CHUNKS" "$work/mark" > "$work/class.txt" &
generator=$!
on_exit 'kill $generator 2>/dev/null'
until [[ -e "$work/mark.storm" ]]; do kill -0 $generator 2>/dev/null || { wait $generator; exit 1; }; sleep 0.1; done
# The replies: CPU from here, and the model's counters afresh (the driver samples the server's
# RSS and threads); deleting the mark releases the messages.
cpu_mark; server_threads_cpu > "$work/threads0"
curl -sf -X POST "http://127.0.0.1:$MODEL_PORT/stats/reset" >/dev/null
rm -f "$work/mark.storm"
until [[ -e "$work/mark.storm.done" ]]; do kill -0 $generator 2>/dev/null || { wait $generator; exit 1; }; sleep 0.1; done
cpu_per reply "$N" > "$work/cpu.txt"
server_threads_per "$work/threads0" reply "$N" >> "$work/cpu.txt"
curl -sf "http://127.0.0.1:$MODEL_PORT/stats" > "$work/model.json"
rm -f "$work/mark.storm.done"
wait $generator
cat "$work/class.txt"
node -e '
  const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`  at the model: ${m.completions} requests, at most ${m.max_streams_open} streams open at once, ` +
    `${m.streams_completed} completed, ${m.streams_closed_early} closed by their client before the end, ${m.streams_open} still open`);
' "$work/model.json"
cat "$work/cpu.txt"
