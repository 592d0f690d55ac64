#!/usr/bin/env bash
# LTI 1.1 launch benchmark: starts LTI Bridge on PostgreSQL, drives signed launches with 8
# concurrent clients from this machine, prints launches/s and p50/p99 latency, stops the server.
#   bench/run.sh                      # the class mix (bench/class-mix.mjs), Node playing the LMS:
#                                     # every launch followed to its page, one in ten an
#                                     # instructor's (dashboard), first-time and returning learners
#                                     # apart, then returning learners only; CPU per launch of each
#   CLIENTS=8 WARMUP=180 PHASE=20 CLASS_SIZE=500 bench/run.sh   # the defaults: seconds of warm-up, of each line,
#                                     learners per course (0: one course for all)
#   DASHBOARDS=0 bench/run.sh         # instructors' launches stop at their 303 (no dashboard page)
#   DRIVER=java bench/run.sh          # learners only, the launch POST alone (LaunchBench.java):
#   CLIENTS=8 RETURNING=30000 FIRST_TIME=5000 LONG_RUN=100000 DRIVER=java bench/run.sh
#   DRIVER=wrk DURATION=20s ROUNDS=3 bench/run.sh   # returning students only, pre-signed, sent by wrk
#   DRIVER=node PER_ROUND=60000 ROUNDS=3 bench/run.sh   # returning students only, signed on the fly by Node
#   LEGACY=1 bench/run.sh             # the same launches through a legacy single-assistant link
#                                     # (LAMB's Student LTI: key "Physics Tutor", LTI_SECRET)
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${CLIENTS:-8}; RETURNING=${RETURNING:-30000}; FIRST_TIME=${FIRST_TIME:-5000}; LONG_RUN=${LONG_RUN:-100000}
PORT=${PORT:-8190}; DB=${BENCH_DB:-ltibridge_bench}
PGHOST=${PGHOST:-127.0.0.1}

source bench/server.sh
export LTI_GLOBAL_CONSUMER_KEY=bench-key LTI_GLOBAL_SECRET=bench-secret-0123456789 \
  LTI_SECRET=bench-lamb-secret-0123456789 \
  LTI11_TIMESTAMP_WINDOW=${WINDOW:-PT30S}
# A 30-second timestamp window (production default: 5 minutes) lets the run outlast it many times,
# so the figures show whether nonce storage stays bounded while launches go on.
start_server "$DB" true

# Sample the nonce table while the benchmark runs.
( while sleep 10; do psql -h "$PGHOST" -U postgres -d "$DB" -tAc 'select count(*) from oauth_nonces' 2>/dev/null; done > "$work/nonces.txt" ) &
sampler=$!
on_exit 'kill $sampler 2>/dev/null'

if [[ "${DRIVER:-mix}" == "mix" ]]; then
  echo "LTI Bridge launch benchmark, class mix — $(nproc) cores, node $(node --version), PostgreSQL $(psql -h "$PGHOST" -U postgres -tAc 'show server_version'), $CLIENTS clients, $(date -u '+%F %H:%M UTC')"
  node bench/lti11-launches.mjs "http://127.0.0.1:$PORT/" bench-key bench-secret-0123456789 "$CLIENTS" \
    mix "${WARMUP:-180}" "${PHASE:-20}" "$work/phase" &
  generator=$!
  class_mix_phases "$work/phase"
  wait $generator
  echo "load after the run: $(uptime)"
  exit 0
fi
javac -d "$work/classes" src/test/java/org/ltibridge/testsupport/Rfc5849Signer.java bench/LaunchBench.java
if [[ "${DRIVER:-java}" == "node" ]]; then
  # Launches signed on the fly by a Node generator (OpenSSL's HMAC-SHA1, keep-alive HTTP/1.1): the
  # generator's signing is part of the run, at a fraction of what a JVM generator costs.
  echo "LTI Bridge launch benchmark (Node, signed on the fly) — $(nproc) cores, node $(node --version), PostgreSQL $(psql -h "$PGHOST" -U postgres -tAc 'show server_version'), $CLIENTS clients"
  node bench/lti11-launches.mjs "http://127.0.0.1:$PORT/" bench-key bench-secret-0123456789 "$CLIENTS" \
    "${WARMUP:-30000}" "${PER_ROUND:-60000}" "${ROUNDS:-3}" "$work/round" &
  generator=$!
  for round in $(seq 1 "${ROUNDS:-3}"); do
    until [[ -e "$work/round.$round" ]]; do kill -0 $generator 2>/dev/null || exit 1; sleep 0.1; done
    cpu_mark
    until [[ -e "$work/round.$round.done" ]]; do kill -0 $generator 2>/dev/null || exit 1; sleep 0.1; done
    cpu_per launch "${PER_ROUND:-60000}"
    rm -f "$work/round.$round.done"
  done
  wait $generator
  exit 0
fi
if [[ "${DRIVER:-java}" == "wrk" ]]; then
  # Pre-signed launches sent by wrk (C, 2 threads): the load generator then costs the 2 cores a
  # fraction of what signing on the fly in a JVM does. Each body is sent once; the timestamps
  # stay inside the window because signing takes ~2 s and the run lasts DURATION.
  command -v wrk >/dev/null || { echo "DRIVER=wrk needs wrk (apt-get install wrk)"; exit 1; }
  echo "LTI Bridge launch benchmark (wrk, pre-signed) — $(nproc) cores, PostgreSQL $(psql -h "$PGHOST" -U postgres -tAc 'show server_version'), $CLIENTS connections"
  for round in $(seq 1 "${ROUNDS:-3}"); do
    java -cp "$work/classes" LaunchBench "http://127.0.0.1:$PORT/" bench-key bench-secret-0123456789 \
      "$CLIENTS" "${PRESIGNED:-90000}" 0 0 "$work" > /dev/null
    printf 'round %s returning students: ' "$round"
    cpu_mark
    wrk -t2 -c"$CLIENTS" -d"${DURATION:-20s}" -s bench/presigned.lua "http://127.0.0.1:$PORT" -- "$work" | tail -1 | tee "$work/wrk.txt"
    cpu_per launch "$(awk '{print $2}' "$work/wrk.txt")"
  done
  exit 0
fi
echo "LTI Bridge launch benchmark — $(nproc) cores, $(java -version 2>&1 | head -1), PostgreSQL $(psql -h "$PGHOST" -U postgres -tAc 'show server_version') (autovacuum $(psql -h "$PGHOST" -U postgres -tAc 'show autovacuum')), $CLIENTS clients"
if [[ -n "${LEGACY:-}" ]]; then
  echo "(legacy single-assistant link: POST /lamb/v1/lti_users/lti, key \"Physics Tutor\")"
  java -Dlaunch.path=lamb/v1/lti_users/lti -cp "$work/classes" LaunchBench "http://127.0.0.1:$PORT/" \
    "Physics Tutor" bench-lamb-secret-0123456789 "$CLIENTS" "$RETURNING" "$FIRST_TIME" "$LONG_RUN"
else
  java -cp "$work/classes" LaunchBench "http://127.0.0.1:$PORT/" bench-key bench-secret-0123456789 \
    "$CLIENTS" "$RETURNING" "$FIRST_TIME" "$LONG_RUN"
fi
echo "nonce rows (sampled every 10 s): max $(sort -n "$work/nonces.txt" | tail -1), at the end $(psql -h "$PGHOST" -U postgres -d "$DB" -tAc 'select count(*) from oauth_nonces'); launches in all: $(psql -h "$PGHOST" -U postgres -d "$DB" -tAc 'select sum(access_count) from lti_activity_users')"
