#!/usr/bin/env bash
# Configures a freshly unpacked WildFly (39, default standalone.xml) for LTI Bridge and deploys
# target/lti-bridge.war at "/". No running server is needed: the CLI script runs in an embedded
# server (https://docs.wildfly.org/39/Admin_Guide.html#Command_Line_Interface, "embed-server").
#
#   server-config/wildfly/deploy.sh WILDFLY_HOME
#   WILDFLY_HOME/bin/standalone.sh [-b 0.0.0.0] [-Djboss.http.port=8080 | -Djboss.socket.binding.port-offset=N]
#
# The database comes from the environment variables the Payara setup reads
# (server-config/post-boot-commands.asadmin); they are written into standalone.xml as expressions
# and resolved at every start, so the same configured server serves H2 or PostgreSQL:
#   LTI_BRIDGE_DB_DATASOURCE  org.h2.jdbcx.JdbcDataSource (default) | org.postgresql.ds.PGSimpleDataSource
#   LTI_BRIDGE_DATA_DIR       private files (generated key, one-time admin password, the embedded
#                             database); default ${jboss.server.data.dir}/lti-bridge
#   LTI_BRIDGE_DB_URL         default jdbc:h2:file:$LTI_BRIDGE_DATA_DIR/lti-bridge;MODE=LEGACY
#   LTI_BRIDGE_DB_USER / LTI_BRIDGE_DB_PASSWORD (default sa / sa)
# Every other LTI_BRIDGE_* / LTI_* variable is read by the application itself (MicroProfile Config).
# The PostgreSQL driver is installed as a module from target/postgresql.jar (copied there by
# `mvn package`), or from POSTGRESQL_JAR.
set -euo pipefail

if [[ $# -ne 1 || ! -x "$1/bin/jboss-cli.sh" ]]; then
  echo "usage: $0 WILDFLY_HOME (an unpacked WildFly distribution)" >&2
  exit 2
fi
WILDFLY_HOME=$(cd "$1" && pwd)
PROJECT=$(cd "$(dirname "$0")/../.." && pwd)
WAR=${LTI_BRIDGE_WAR:-$PROJECT/target/lti-bridge.war}
POSTGRESQL_JAR=${POSTGRESQL_JAR:-$PROJECT/target/postgresql.jar}
for f in "$WAR" "$POSTGRESQL_JAR"; do
  [[ -f "$f" ]] || { echo "$f not found: run 'mvn package' first" >&2; exit 2; }
done

# The PostgreSQL driver as a static module ("Creating custom modules",
# https://docs.wildfly.org/39/Admin_Guide.html#jdbc-driver-installation).
module_dir="$WILDFLY_HOME/modules/org/postgresql/main"
mkdir -p "$module_dir"
cp "$POSTGRESQL_JAR" "$module_dir/postgresql.jar"
cat >"$module_dir/module.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<module xmlns="urn:jboss:module:1.9" name="org.postgresql">
  <resources>
    <resource-root path="postgresql.jar"/>
  </resources>
  <dependencies>
    <module name="java.se"/>
    <module name="jakarta.transaction.api"/>
  </dependencies>
</module>
XML

# The CLI script. Values in ${env.X:default} stay expressions in standalone.xml; the shell must not
# expand them, hence the quoted here-document. "if ... of" makes a second run change nothing.
cli=$(mktemp)
trap 'rm -f "$cli"' EXIT
cat >"$cli" <<'CLI'
embed-server --server-config=standalone.xml --std-out=discard

# JDBC drivers, each named after the DataSource class that LTI_BRIDGE_DB_DATASOURCE names for
# Payara, so that the data source below picks its driver from that same variable at each start.
if (outcome != success) of /subsystem=datasources/jdbc-driver=org.h2.jdbcx.JdbcDataSource:read-resource
  /subsystem=datasources/jdbc-driver=org.h2.jdbcx.JdbcDataSource:add(driver-module-name=com.h2database.h2, driver-class-name=org.h2.Driver)
end-if
if (outcome != success) of /subsystem=datasources/jdbc-driver=org.postgresql.ds.PGSimpleDataSource:read-resource
  /subsystem=datasources/jdbc-driver=org.postgresql.ds.PGSimpleDataSource:add(driver-module-name=org.postgresql, driver-class-name=org.postgresql.Driver)
end-if

# The application's DataSource: web.xml's resource-ref jdbc/app, mapped by WEB-INF/jboss-web.xml.
if (outcome != success) of /subsystem=datasources/data-source=LtiBridge:read-resource
  data-source add --name=LtiBridge --jndi-name=java:/jdbc/app \
    --driver-name=${env.LTI_BRIDGE_DB_DATASOURCE:org.h2.jdbcx.JdbcDataSource} \
    --connection-url=${env.LTI_BRIDGE_DB_URL:jdbc:h2:file:${env.LTI_BRIDGE_DATA_DIR:${jboss.server.data.dir}/lti-bridge}/lti-bridge;MODE=LEGACY} \
    --user-name=${env.LTI_BRIDGE_DB_USER:sa} --password=${env.LTI_BRIDGE_DB_PASSWORD:sa} \
    --min-pool-size=8 --max-pool-size=40 --prepared-statements-cache-size=64 \
    --validate-on-match=true --background-validation=false
end-if
# The pool's figures for the application's /metrics (system/control/PoolStatistics reads the
# runtime resource statistics=pool in-process, through the JMX facade of the management model;
# "Datasource statistics" in the WildFly Admin Guide). Written on every run, so that a data source
# configured by an earlier version of this script gets them too.
/subsystem=datasources/data-source=LtiBridge:write-attribute(name=statistics-enabled, value=true)

# The private data directory, as the application reads it (MicroProfile Config: a system property,
# resolved from the environment at each start), next to the embedded database by default.
if (outcome != success) of /system-property=lti-bridge.data-dir:read-resource
  /system-property=lti-bridge.data-dir:add(value=${env.LTI_BRIDGE_DATA_DIR:${jboss.server.data.dir}/lti-bridge})
end-if

# Jakarta Security with the application's own identity stores (console and learner sign-in):
# the deployment's security domain ("other", the undertow default) must create an ad hoc identity
# from what the application's IdentityStore returns instead of looking the caller up in the Elytron
# domain ("integrated-jaspi" false; WildFly's ee-security quickstart,
# https://github.com/wildfly/quickstart/tree/main/ee-security).
/subsystem=undertow/application-security-domain=other:write-attribute(name=integrated-jaspi, value=false)

# Only the HTTP port the deployer asks for: no HTTPS listener with a generated self-signed
# certificate (TLS ends at the reverse proxy, see README).
if (outcome == success) of /subsystem=undertow/server=default-server/https-listener=https:read-resource
  /subsystem=undertow/server=default-server/https-listener=https:remove
end-if
# The LTI pages are JAX-RS resources that forward to their Facelets view with the request that
# JAX-RS injects (@Context HttpServletRequest); RESTEasy injects a proxy of the request, which
# Undertow refuses in a forward unless non-standard wrappers are allowed
# (https://docs.wildfly.org/39/wildscribe/subsystem/undertow/servlet-container/index.html).
/subsystem=undertow/servlet-container=default:write-attribute(name=allow-non-standard-wrappers, value=true)

# "/" belongs to the application, not to WildFly's welcome page.
if (outcome == success) of /subsystem=undertow/server=default-server/host=default-host/location=\/:read-resource
  /subsystem=undertow/server=default-server/host=default-host/location=\/:remove
end-if

# The WAR, at "/" (WEB-INF/jboss-web.xml); replaced if it is already there.
if (outcome == success) of /deployment=lti-bridge.war:read-resource
  undeploy lti-bridge.war
end-if
CLI
echo "deploy $WAR --name=lti-bridge.war" >>"$cli"
echo "stop-embedded-server" >>"$cli"

"$WILDFLY_HOME/bin/jboss-cli.sh" --file="$cli"
echo "LTI Bridge deployed to $WILDFLY_HOME; start it with $WILDFLY_HOME/bin/standalone.sh"
