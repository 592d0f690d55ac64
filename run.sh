#!/usr/bin/env bash
# Starts LTI Bridge on http://localhost:8080 with Payara Micro.
# Embedded H2 database under $LTI_BRIDGE_DATA_DIR, ./data by default (demo organisation loaded)
# unless LTI_BRIDGE_DB_URL is set,
# e.g. LTI_BRIDGE_DB_URL=jdbc:postgresql://127.0.0.1:5432/ltibridge
#      LTI_BRIDGE_DB_DATASOURCE=org.postgresql.ds.PGSimpleDataSource LTI_BRIDGE_DB_USER=postgres
set -euo pipefail
cd "$(dirname "$0")"
# Files the server writes (embedded database, generated key, one-time password) are private, all
# under LTI_BRIDGE_DATA_DIR (./data unless set).
umask 077
export LTI_BRIDGE_DATA_DIR="${LTI_BRIDGE_DATA_DIR:-./data}"
# The embedded database follows the data directory (post-boot-commands.asadmin cannot derive it).
export LTI_BRIDGE_DB_URL="${LTI_BRIDGE_DB_URL:-jdbc:h2:file:$(realpath -m "$LTI_BRIDGE_DATA_DIR")/lti-bridge;MODE=LEGACY}"
if [[ ! -f target/lti-bridge.war || ! -f target/payara-micro.jar || ! -f target/flashlight-agent.jar || "${REBUILD:-1}" == "1" ]]; then
  mvn -q -B package -DskipTests -DskipITs
fi
# Wrong settings stop here with one line each, before the server starts (the application checks
# them again at start: system/control/ConfigurationCheck).
java -cp target/classes org.ltibridge.system.control.ConfigurationCheck
# -javaagent: Payara's monitoring agent, copied out of payara-micro.jar by `mvn package`, so that
# Payara counts the connection pool's figures for /metrics (docs/operations.md).
exec java ${JAVA_OPTS:--Xmx512m} -javaagent:target/flashlight-agent.jar -jar target/payara-micro.jar \
  --deploy target/lti-bridge.war --contextroot / \
  --addlibs target/postgresql.jar \
  --prebootcommandfile server-config/pre-boot-commands.asadmin \
  --postbootcommandfile server-config/post-boot-commands.asadmin \
  --port "${PORT:-8080}" --nocluster "$@"
