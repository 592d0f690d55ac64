#!/usr/bin/env bash
# The instructor dashboard of a big activity (issue #18): starts LTI Bridge on PostgreSQL, sets an
# activity up through the real LTI 1.1 flow (instructor setup with transcript review on, a few
# students who launch, consent and chat), seeds it in SQL with STUDENTS students, their
# conversations and MESSAGES messages over six weeks (bench/dashboard-seed.sql, rows shaped as the
# real flow wrote them), then measures the dashboard page (GET after an instructor's launch) and
# every JSON API request of the dashboard at 1 and 8 clients; prints p50/p99/max and the CPU the
# server and PostgreSQL spent per request, after a floor (a request that reads nothing). Stops the
# server.
#   bench/dashboard.sh                                   # defaults below
#   STUDENTS=2000 MESSAGES=100000 CONSENT_SHARE=0.3 CLIENTS=1,8 REQUESTS=500 WARMUP=200 bench/dashboard.sh
set -euo pipefail
cd "$(dirname "$0")/.."
STUDENTS=${STUDENTS:-2000}; MESSAGES=${MESSAGES:-100000}; CONSENT_SHARE=${CONSENT_SHARE:-0.3}
CLIENTS=${CLIENTS:-1,8}; REQUESTS=${REQUESTS:-500}; WARMUP=${WARMUP:-200}
PORT=${PORT:-8192}; DB=${BENCH_DB:-ltibridge_bench_dash}
PGHOST=${PGHOST:-127.0.0.1}

source bench/server.sh
export LTI_GLOBAL_CONSUMER_KEY=bench-key LTI_GLOBAL_SECRET=bench-secret-0123456789
start_server "$DB" true

placement="lecture-$(date +%s)"
node bench/dashboard.mjs setup "http://127.0.0.1:$PORT/" bench-key bench-secret-0123456789 "$placement"
seconds=$SECONDS
psql -h "$PGHOST" -U postgres -d "$DB" -q -v placement="$placement" -v students="$STUDENTS" \
  -v messages="$MESSAGES" -v consent_share="$CONSENT_SHARE" -f bench/dashboard-seed.sql >/dev/null
q() { psql -h "$PGHOST" -U postgres -d "$DB" -tAc "$1"; }
activity=$(q "select id from lti_activities where resource_link_id = '$placement'")
# Reviewable chats (students who consented to the notice in force), for chats/{id}.
q "select c.id from conversations c join lti_activity_users u on u.id = c.activity_user_id
   where c.activity_id = $activity and u.role = 'STUDENT' and u.consent_given_at is not null
   and u.consent_notice_version = '2026-11'" > "$work/ids.txt"

echo "LTI Bridge dashboard benchmark — $(nproc) cores, $(java -version 2>&1 | head -1), PostgreSQL $(q 'show server_version'), $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src liquibase || echo '+changes'), load:$(uptime | sed 's/.*average://')"
echo "activity $activity seeded in $((SECONDS - seconds)) s: $(q "select count(*) from lti_activity_users where activity_id = $activity and role = 'STUDENT'") students ($(q "select count(*) from lti_activity_users where activity_id = $activity and role = 'STUDENT' and consent_given_at is not null") consented), $(q "select count(*) from conversations where activity_id = $activity") conversations ($(wc -l < "$work/ids.txt") reviewable), $(q "select count(*) from chat_messages m join conversations c on c.id = m.conversation_id where c.activity_id = $activity") messages, $(q "select count(*) from lti_activity_assistants where activity_id = $activity") assistants"
node bench/dashboard.mjs measure "http://127.0.0.1:$PORT/" bench-key bench-secret-0123456789 "$placement" \
  "$CLIENTS" 0 0 "$work/ids.txt"
# One request at a time, with the CPU the server and PostgreSQL spent on it (warm-up included): a
# figure the neighbours' load on the VM changes far less than the latencies. The page's includes
# the instructor's launch before each GET.
runs=$(( WARMUP + REQUESTS * $(tr ',' '\n' <<< "$CLIENTS" | wc -l) ))
for case in 0 1 2 3 4 5 6 7; do
  cpu_mark
  node bench/dashboard.mjs measure "http://127.0.0.1:$PORT/" bench-key bench-secret-0123456789 "$placement" \
    "$CLIENTS" "$REQUESTS" "$WARMUP" "$work/ids.txt" "$case"
  cpu_per request "$runs"
done
echo "load at the end:$(uptime | sed 's/.*average://')"
