#!/usr/bin/env bash
# Platform-role benchmark (issue #4): scores accepted per second (many learners, one line item,
# concurrent posters, p50/p99) and the time to serve one NRPS page of 1,000 members from a course
# of 10,000. Starts LTI Bridge on PostgreSQL, prints figures, stops the server.
#   bench/platform.sh                                   # defaults below
#   CLIENTS=16 SCORES=100000 MEMBERS=10000 PAGES=500 bench/platform.sh
#   DRIVER=wrk DURATION=20s ROUNDS=3 bench/platform.sh   # scores only, posted by wrk
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${CLIENTS:-16}; SCORES=${SCORES:-100000}; MEMBERS=${MEMBERS:-10000}; PAGES=${PAGES:-500}
PORT=${PORT:-8191}; DB=${BENCH_DB:-ltibridge_bench_platform}
PGHOST=${PGHOST:-127.0.0.1}

source bench/server.sh
start_server "$DB" false

nimbus=$(ls ~/.m2/repository/com/nimbusds/nimbus-jose-jwt/10.5/nimbus-jose-jwt-10.5.jar)
cp="$nimbus:target/postgresql.jar"
javac -cp "$cp" -d "$work/classes" bench/PlatformBench.java
if [[ "${DRIVER:-java}" == "wrk" ]]; then
  # wrk (C, 2 threads) posts the scores: the load generator then costs the 2 cores a fraction of
  # what a JVM HTTP client does. The Java side only sets up and obtains the token.
  command -v wrk >/dev/null || { echo "DRIVER=wrk needs wrk (apt-get install wrk)"; exit 1; }
  java -cp "$work/classes:$cp" PlatformBench "http://127.0.0.1:$PORT/" "jdbc:postgresql://$PGHOST:5432/$DB" \
    "$CLIENTS" 0 "$MEMBERS" 0 "$work"
  echo "LTI Bridge score benchmark (wrk) — $(nproc) cores, PostgreSQL $(psql -h "$PGHOST" -U postgres -tAc 'show server_version'), $CLIENTS connections"
  for round in warm-up $(seq 1 "${ROUNDS:-3}"); do
    printf 'round %s: ' "$round"
    cpu_mark
    wrk -t2 -c"$CLIENTS" -d"${DURATION:-20s}" -s bench/scores.lua "http://127.0.0.1:$PORT" -- "$work" "$MEMBERS" 2 | tail -1 | tee "$work/wrk.txt"
    cpu_per score "$(awk '{print $2}' "$work/wrk.txt")"
  done
  exit 0
fi
echo "LTI Bridge platform benchmark — $(nproc) cores, $(java -version 2>&1 | head -1), PostgreSQL $(psql -h "$PGHOST" -U postgres -tAc 'show server_version'), $CLIENTS clients"
java -cp "$work/classes:$cp" PlatformBench "http://127.0.0.1:$PORT/" "jdbc:postgresql://$PGHOST:5432/$DB" \
  "$CLIENTS" "$SCORES" "$MEMBERS" "$PAGES"
