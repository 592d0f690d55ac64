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

[[ -f target/lti-bridge.war && -f target/payara-micro.jar ]] || mvn -q -B package -DskipTests -DskipITs
psql -h "$PGHOST" -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
psql -h "$PGHOST" -U postgres -qc "CREATE DATABASE $DB"

work=$(mktemp -d)
export LTI_BRIDGE_DB_URL="jdbc:postgresql://$PGHOST:5432/$DB" LTI_BRIDGE_DB_USER=postgres LTI_BRIDGE_DB_PASSWORD=postgres \
  LTI_BRIDGE_DB_DATASOURCE=org.postgresql.ds.PGSimpleDataSource LTI_BRIDGE_DEMO=false \
  LTI_BRIDGE_DATA_DIR="$work/data" LTI_BRIDGE_ADMIN_PASSWORD=bench-admin-password
java ${SERVER_OPTS:--Xmx1g} -jar target/payara-micro.jar --deploy target/lti-bridge.war --contextroot / \
  --postbootcommandfile server-config/post-boot-commands.asadmin --addlibs target/postgresql.jar \
  --nocluster --port "$PORT" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for i in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/lti/jwks" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$PORT/lti/jwks" >/dev/null || { tail -50 "$work/server.log"; exit 1; }

nimbus=$(ls ~/.m2/repository/com/nimbusds/nimbus-jose-jwt/10.5/nimbus-jose-jwt-10.5.jar)
cp="$nimbus:target/postgresql.jar"
javac -cp "$cp" -d "$work/classes" bench/PlatformBench.java
echo "LTI Bridge platform benchmark — $(nproc) cores, $(java -version 2>&1 | head -1), PostgreSQL $(psql -h "$PGHOST" -U postgres -tAc 'show server_version'), $CLIENTS clients"
java -cp "$work/classes:$cp" PlatformBench "http://127.0.0.1:$PORT/" "jdbc:postgresql://$PGHOST:5432/$DB" \
  "$CLIENTS" "$SCORES" "$MEMBERS" "$PAGES"
