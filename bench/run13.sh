#!/usr/bin/env bash
# LTI 1.3 launch benchmark: starts LTI Bridge on PostgreSQL, registers a platform played by the
# load generator (its own RSA key and JWKS), and drives full LTI 1.3 launches (login, id_token
# POST, landing page) from CLIENTS concurrent clients; prints launches/s and p50/p99, and the CPU
# per measured launch of the server, PostgreSQL and the generator.
#   bench/run13.sh                          # the class mix (bench/class-mix.mjs), Node playing the
#                                           # platform: one launch in ten an instructor's
#                                           # (dashboard), first-time and returning learners apart,
#                                           # then returning learners only; CPU per launch of each
#   CLIENTS=8 WARMUP=180 PHASE=20 CLASS_SIZE=500 bench/run13.sh   # the defaults: seconds of warm-up, of each line,
#                                           learners per course (0: one course for all)
#   DASHBOARDS=0 bench/run13.sh             # instructors' launches stop at their 303 (no dashboard)
#   DRIVER=c bench/run13.sh                 # learners only (lti13-launches.c, OpenSSL signing: the
#                                           # generator with the least CPU per launch, compiled for
#                                           # the run, needs gcc and libssl-dev)
#   CLIENTS=8 WARMUP=40000 LAUNCHES=20000 DRIVER=c bench/run13.sh
#   DRIVER=node bench/run13.sh              # the same learners only from Node (lti13-launches.mjs)
#   DRIVER=java bench/run13.sh              # the same from a JVM (nimbus signing)
# The warm-up is long because the JIT is still compiling Payara's and our request paths after
# 20,000 launches (12-14 % of the server's CPU over the next 20,000; 2-4 % after 40,000).
set -euo pipefail
cd "$(dirname "$0")/.."
DRIVER=${DRIVER:-mix}
if [[ "$DRIVER" == "c" ]]; then
  command -v gcc >/dev/null && echo '#include <openssl/evp.h>' | gcc -E -x c - >/dev/null 2>&1 \
    || { echo "DRIVER=c needs gcc and the OpenSSL headers: apt-get install gcc libssl-dev" >&2; exit 1; }
fi
CLIENTS=${CLIENTS:-8}
if [[ "$DRIVER" == "mix" ]]; then WARMUP=${WARMUP:-180}; PHASE=${PHASE:-20}; else WARMUP=${WARMUP:-40000}; LAUNCHES=${LAUNCHES:-20000}; fi
PORT=${PORT:-8191}; DB=${BENCH_DB:-ltibridge_bench13}
PGHOST=${PGHOST:-127.0.0.1}

source bench/server.sh
start_server "$DB" true

echo "LTI Bridge LTI 1.3 launch benchmark — $(nproc) cores, $(java -version 2>&1 | head -1), PostgreSQL $(psql -h "$PGHOST" -U postgres -tAc 'show server_version'), $CLIENTS clients, $DRIVER load generator, $(date -u "+%F %H:%M UTC")"
if [[ "$DRIVER" == "java" ]]; then
  nimbus=$(ls ~/.m2/repository/com/nimbusds/nimbus-jose-jwt/10.5/nimbus-jose-jwt-10.5.jar)
  javac -cp "$nimbus" -d "$work/classes" bench/Lti13LaunchBench.java
  java -cp "$work/classes:$nimbus" Lti13LaunchBench "http://127.0.0.1:$PORT/" "$CLIENTS" "$WARMUP" "$LAUNCHES" "$work/platform.txt" &
elif [[ "$DRIVER" == "mix" ]]; then
  node bench/lti13-launches.mjs "http://127.0.0.1:$PORT/" "$CLIENTS" mix "$WARMUP" "$PHASE" "$work/platform.txt" &
elif [[ "$DRIVER" == "c" ]]; then
  gcc -O2 -Wall -Wextra -o "$work/lti13-launches" bench/lti13-launches.c -lcrypto -lpthread
  "$work/lti13-launches" "http://127.0.0.1:$PORT/" "$CLIENTS" "$WARMUP" "$LAUNCHES" "$work/platform.txt" &
else
  node bench/lti13-launches.mjs "http://127.0.0.1:$PORT/" "$CLIENTS" "$WARMUP" "$LAUNCHES" "$work/platform.txt" &
fi
bench=$!
on_exit 'kill $bench 2>/dev/null'
for i in $(seq 1 60); do [[ -s "$work/platform.txt" ]] && break; sleep 0.5; done
read -r issuer client deployment < "$work/platform.txt"
psql -h "$PGHOST" -U postgres -d "$DB" -qc "INSERT INTO lti13_registrations (organization_id, issuer, client_id, auth_login_url, jwks_url, status, source, created_at, updated_at) VALUES ((SELECT id FROM organizations WHERE slug = 'demo'), '$issuer', '$client', '$issuer/auth', '$issuer/jwks', 'ENABLED', 'MANUAL', now(), now())" \
  -c "INSERT INTO lti13_deployments (registration_id, deployment_id, created_at) SELECT id, '$deployment', now() FROM lti13_registrations WHERE client_id = '$client'"
rm "$work/platform.txt"
generator=$bench
if [[ "$DRIVER" == "mix" ]]; then
  class_mix_phases "$work/platform.txt"
  wait $bench
  echo "load after the run: $(uptime)"
  exit 0
fi
until [[ -e "$work/platform.txt.measuring" ]]; do kill -0 $bench 2>/dev/null || break; sleep 0.2; done
cpu_mark
until [[ -e "$work/platform.txt.measured" ]]; do kill -0 $bench 2>/dev/null || break; sleep 0.2; done
cpu_per "measured launch" "$LAUNCHES"
rm -f "$work/platform.txt.measured"
wait $bench
echo "used-login rows at the end: $(psql -h "$PGHOST" -U postgres -d "$DB" -tAc 'select count(*) from lti13_oidc_states') (logins write none; one per launch, purged a minute after the login's 10-minute expiry)"
