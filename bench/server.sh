# Sourced by the bench scripts (run.sh, run13.sh, platform.sh): what they share.
#   on_exit 'command'             runs the command when the script ends, after those added before
#   start_server <database> <demo: true|false>
#       builds the WAR if needed, creates the database afresh, switches PostgreSQL's autovacuum on
#       for the run (restored at exit), starts LTI Bridge on it in the background and waits until
#       it answers. Sets $work (a temporary directory; the server log is $work/server.log) and
#       $server (its pid). Environment exported before the call reaches the server.
#   cpu_mark; ...; cpu_per <what> <count>
#       prints the CPU time (user + system) the server and PostgreSQL spent per <what> since the mark,
#       and the load generator's too if its pid is in $generator. PostgreSQL's figure counts only the
#       backends of the bench's database (BENCH_PG_DB, else DB) when one is set.
#   server_threads_cpu > file; ...; server_threads_per file <what> <count>
#       the server's CPU per <what> since then by kind of thread (request threads, model client,
#       reply storing, JIT compiler, GC and VM, ...).
#   class_mix_phases <marks>
#       follows the class mix's measured phases (bench/class-mix.mjs, generator pid in $generator)
#       and prints the CPU per launch of each after its line.
# Expects PORT and PGHOST. WAR (default target/lti-bridge.war) names the application to deploy,
# e.g. a copy of another build's WAR, to alternate two builds in the same hour.

exit_actions=()
on_exit() {
  exit_actions+=("$1")
  trap 'for action in "${exit_actions[@]}"; do eval "$action" || true; done' EXIT
}

start_server() {
  local db=$1 demo=$2
  [[ -f target/lti-bridge.war && -f target/payara-micro.jar ]] || mvn -q -B package -DskipTests -DskipITs
  echo "load before the run: $(uptime)" >&2
  psql -h "$PGHOST" -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  psql -h "$PGHOST" -U postgres -qc "CREATE DATABASE $db"

  # Production PostgreSQL runs autovacuum; some CI images switch it off, and then dead rows and
  # stale planner statistics pile up during a run. Switch it on for the run, restore afterwards.
  if [[ "$(psql -h "$PGHOST" -U postgres -tAc 'show autovacuum')" == "off" ]]; then
    psql -h "$PGHOST" -U postgres -qc "ALTER SYSTEM SET autovacuum = on" -c "SELECT pg_reload_conf()" >/dev/null
    on_exit 'psql -h "$PGHOST" -U postgres -qc "ALTER SYSTEM RESET autovacuum" -c "SELECT pg_reload_conf()" >/dev/null'
  fi

  work=$(mktemp -d)
  export LTI_BRIDGE_DB_URL="jdbc:postgresql://$PGHOST:5432/$db" LTI_BRIDGE_DB_USER=postgres LTI_BRIDGE_DB_PASSWORD=postgres \
    LTI_BRIDGE_DB_DATASOURCE=org.postgresql.ds.PGSimpleDataSource LTI_BRIDGE_DEMO="$demo" \
    LTI_BRIDGE_DATA_DIR="$work/data" LTI_BRIDGE_ADMIN_PASSWORD=bench-admin-password
  # As run.sh starts production: with Payara's monitoring agent, so the pool's figures are counted.
  [[ -f target/flashlight-agent.jar ]] || mvn -q -B package -DskipTests -DskipITs
  java ${SERVER_OPTS:--Xmx1g} -javaagent:target/flashlight-agent.jar -jar target/payara-micro.jar --deploy "${WAR:-target/lti-bridge.war}" --contextroot / \
    --prebootcommandfile server-config/pre-boot-commands.asadmin \
    --postbootcommandfile server-config/post-boot-commands.asadmin --addlibs target/postgresql.jar \
    --nocluster --port "$PORT" > "$work/server.log" 2>&1 &
  server=$!
  on_exit 'kill $server 2>/dev/null; wait $server 2>/dev/null || true'
  for i in $(seq 1 180); do curl -sf -m 5 "http://127.0.0.1:$PORT/lti/jwks" >/dev/null && return 0; sleep 1; done
  tail -50 "$work/server.log"
  exit 1
}

# CPU time (clock ticks, user + system) used so far by the given processes and their threads.
cpu_ticks() { local t=0 pid v; for pid in "$@"; do v=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null) && t=$(( t + ${v:-0} )); done; echo "$t"; }
# PostgreSQL's processes: the backends serving the bench's database ($DB) when it is set (the
# server's pooled connections, stable during a run; PostgreSQL may serve other databases on a shared
# machine), else every postgres process.
pg_pids() {
  local db="${BENCH_PG_DB:-${DB:-}}"
  if [[ -n "$db" ]]; then
    psql -h "$PGHOST" -U postgres -d "$db" -tAc "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()" | tr '\n' ' '
  else
    pgrep -d' ' -u postgres postgres
  fi
}
cpu_mark() {
  pg_marked=$(pg_pids)
  server_cpu0=$(cpu_ticks "$server")
  declare -gA pg_cpu0=(); local pid
  for pid in $pg_marked; do pg_cpu0[$pid]=$(cpu_ticks "$pid"); done
  generator_cpu0=$(cpu_ticks ${generator:-})
}
cpu_per() {
  # PostgreSQL: the bench database's backends now, each from its mark (0 for one opened since); a
  # backend closed since the mark takes its CPU with it, so this figure may be a little low.
  local pg_cpu=0 pid
  for pid in $(pg_pids); do pg_cpu=$(( pg_cpu + $(cpu_ticks "$pid") - ${pg_cpu0[$pid]:-0} )); done
  local server_cpu=$(( $(cpu_ticks "$server") - server_cpu0 ))
  local generator_cpu=$(( $(cpu_ticks ${generator:-}) - generator_cpu0 ))
  awk -v s="$server_cpu" -v p="$pg_cpu" -v g="$generator_cpu" -v n="$2" -v what="$1" -v hz="$(getconf CLK_TCK)" \
    -v has_g="${generator:+1}" \
    'BEGIN { printf "  CPU per %s: server %.3f ms, PostgreSQL %.3f ms", what, s * 1000 / hz / n, p * 1000 / hz / n
             if (has_g) printf ", load generator %.3f ms", g * 1000 / hz / n
             printf "\n" }'
}

# The server's CPU time (clock ticks) so far by kind of thread, one "kind ticks" line each: its
# threads named as the JVM, Payara and the JDK's HTTP client name them (/proc/<pid>/task/*/stat).
server_threads_cpu() {
  awk '{ name = substr($0, index($0, "(") + 1); name = substr(name, 1, match(name, /\) [A-Z] /) - 1)
         rest = substr($0, index($0, ") ") + 2); split(rest, f, " ")
         kind = "other"
         if (name ~ /^http-thread-poo/) kind = "request threads"
         else if (name ~ /^HttpClient-[0-9]+-Wo/) kind = "model client"
         else if (name ~ /^HttpClient-[0-9]+-Se/) kind = "model client selector"
         else if (name ~ /^java:app\/concur/) kind = "reply storing"
         else if (name ~ /CompilerThre/) kind = "JIT compiler"
         else if (name ~ /^(GC Thread|G1 |VM Thread)/) kind = "GC and VM"
         else if (name ~ /^http-listener/) kind = "HTTP listener"
         t[kind] += f[12] + f[13] }
       END { for (k in t) print k "\t" t[k] }' /proc/"$server"/task/*/stat 2>/dev/null
}
# Prints, after server_threads_cpu was saved with "server_threads_cpu > file", the server's CPU per
# <what> since then by kind of thread, largest first.
server_threads_per() {
  local before=$1 what=$2 n=$3
  printf "  server CPU per %s by thread:" "$what"
  server_threads_cpu | awk -F'\t' -v n="$n" -v hz="$(getconf CLK_TCK)" '
    NR == FNR { b[$1] = $2; next } { d = $2 - b[$1]; if (d > 0) printf "%.1f\t%s\n", d * 1000 / hz / n, $1 }' "$before" - |
    sort -rn | awk -F'\t' '{ printf " %s %s ms;", $2, $1 } END { printf "\n" }'
}

class_mix_phases() {
  local marks=$1 n count
  for n in 1 2 3 4; do
    until [[ -e "$marks.$n" ]]; do kill -0 "$generator" 2>/dev/null || return 1; sleep 0.1; done
    cpu_mark
    until [[ -s "$marks.$n.done" ]]; do kill -0 "$generator" 2>/dev/null || return 1; sleep 0.1; done
    count=$(cat "$marks.$n.done")
    cpu_per launch "$count"
    rm -f "$marks.$n.done"
  done
}
