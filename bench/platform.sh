#!/usr/bin/env bash
# Platform-role benchmark (issue #4): scores accepted per second (many learners, one line item,
# concurrent posters, p50/p99) and the time to serve one NRPS page of 1,000 members from a course
# of 10,000. Starts LTI Bridge on PostgreSQL, prints figures, stops the server.
#   bench/platform.sh                                   # defaults below
#   CLIENTS=16 SCORES=100000 MEMBERS=10000 PAGES=500 bench/platform.sh
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
echo "LTI Bridge platform benchmark — $(nproc) cores, $(java -version 2>&1 | head -1), PostgreSQL $(psql -h "$PGHOST" -U postgres -tAc 'show server_version'), $CLIENTS clients"
java -cp "$work/classes:$cp" PlatformBench "http://127.0.0.1:$PORT/" "jdbc:postgresql://$PGHOST:5432/$DB" \
  "$CLIENTS" "$SCORES" "$MEMBERS" "$PAGES"
