#!/usr/bin/env bash
# LTI 1.3 launch benchmark: starts LTI Bridge on PostgreSQL, registers a platform played by the
# load generator (its own RSA key and JWKS), and drives full LTI 1.3 launches (login, id_token
# POST, landing page) from CLIENTS concurrent clients; prints launches/s and p50/p99.
#   bench/run13.sh                          # defaults below
#   CLIENTS=8 WARMUP=20000 LAUNCHES=20000 bench/run13.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${CLIENTS:-8}; WARMUP=${WARMUP:-20000}; LAUNCHES=${LAUNCHES:-20000}
PORT=${PORT:-8191}; DB=${BENCH_DB:-ltibridge_bench13}
PGHOST=${PGHOST:-127.0.0.1}

[[ -f target/lti-bridge.war && -f target/payara-micro.jar ]] || mvn -q -B package -DskipTests -DskipITs
psql -h "$PGHOST" -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
psql -h "$PGHOST" -U postgres -qc "CREATE DATABASE $DB"

work=$(mktemp -d)
export LTI_BRIDGE_DB_URL="jdbc:postgresql://$PGHOST:5432/$DB" LTI_BRIDGE_DB_USER=postgres LTI_BRIDGE_DB_PASSWORD=postgres \
  LTI_BRIDGE_DB_DATASOURCE=org.postgresql.ds.PGSimpleDataSource LTI_BRIDGE_DEMO=true \
  LTI_BRIDGE_DATA_DIR="$work/data" LTI_BRIDGE_ADMIN_PASSWORD=bench-admin-password
java ${SERVER_OPTS:--Xmx1g} -jar target/payara-micro.jar --deploy target/lti-bridge.war --contextroot / \
  --postbootcommandfile server-config/post-boot-commands.asadmin --addlibs target/postgresql.jar \
  --nocluster --port "$PORT" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for i in $(seq 1 180); do curl -sf -m 5 "http://127.0.0.1:$PORT/lamb/v1/lti/info" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$PORT/lamb/v1/lti/info" >/dev/null || { tail -50 "$work/server.log"; exit 1; }

nimbus=$(ls ~/.m2/repository/com/nimbusds/nimbus-jose-jwt/10.5/nimbus-jose-jwt-10.5.jar)
javac -cp "$nimbus" -d "$work/classes" bench/Lti13LaunchBench.java
echo "LTI Bridge LTI 1.3 launch benchmark — $(nproc) cores, $(java -version 2>&1 | head -1), PostgreSQL $(psql -h "$PGHOST" -U postgres -tAc 'show server_version'), $CLIENTS clients"
java -cp "$work/classes:$nimbus" Lti13LaunchBench "http://127.0.0.1:$PORT/" "$CLIENTS" "$WARMUP" "$LAUNCHES" "$work/platform.txt" &
bench=$!
trap 'kill $server $bench 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for i in $(seq 1 60); do [[ -s "$work/platform.txt" ]] && break; sleep 0.5; done
read -r issuer client deployment < "$work/platform.txt"
psql -h "$PGHOST" -U postgres -d "$DB" -qc "INSERT INTO lti13_registrations (organization_id, issuer, client_id, auth_login_url, jwks_url, status, source, created_at, updated_at) VALUES ((SELECT id FROM organizations WHERE slug = 'demo'), '$issuer', '$client', '$issuer/auth', '$issuer/jwks', 'ENABLED', 'MANUAL', now(), now())" \
  -c "INSERT INTO lti13_deployments (registration_id, deployment_id, created_at) SELECT id, '$deployment', now() FROM lti13_registrations WHERE client_id = '$client'"
rm "$work/platform.txt"
wait $bench
echo "OIDC login rows at the end: $(psql -h "$PGHOST" -U postgres -d "$DB" -tAc 'select count(*) from lti13_oidc_states') (purged a minute after their 10-minute expiry)"
