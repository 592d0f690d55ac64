#!/usr/bin/env bash
# Starts LTI Bridge on http://localhost:8080 with Payara Micro.
# Embedded H2 database under ./data (demo organisation loaded) unless LTI_BRIDGE_DB_URL is set,
# e.g. LTI_BRIDGE_DB_URL=jdbc:postgresql://127.0.0.1:5432/ltibridge
#      LTI_BRIDGE_DB_DATASOURCE=org.postgresql.ds.PGSimpleDataSource LTI_BRIDGE_DB_USER=postgres
set -euo pipefail
cd "$(dirname "$0")"
# Files the server writes (embedded database, generated key, one-time password) are private.
umask 077
if [[ ! -f target/lti-bridge.war || ! -f target/payara-micro.jar || "${REBUILD:-1}" == "1" ]]; then
  mvn -q -B package -DskipTests -DskipITs
fi
exec java ${JAVA_OPTS:--Xmx512m} -jar target/payara-micro.jar \
  --deploy target/lti-bridge.war --contextroot / \
  --addlibs target/postgresql.jar \
  --prebootcommandfile server-config/pre-boot-commands.asadmin \
  --postbootcommandfile server-config/post-boot-commands.asadmin \
  --port "${PORT:-8080}" --nocluster "$@"
