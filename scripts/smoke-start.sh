#!/usr/bin/env bash
# Proves README command 1: scripts/start.sh, with no DATABASE_URL, starts its own MariaDB, prints a
# setup token and serves the setup wizard. Writes var/test/reports/start.json for the summary.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work="$root/var/test/start"
report="$root/var/test/reports/start.json"
rm -rf "$work"; mkdir -p "$work" "$(dirname "$report")"
port=${START_SMOKE_PORT:-3199}
log="$work/start.log"

env -u DATABASE_URL -u NEXTAUTH_SECRET -u NEXTAUTH_URL PORT="$port" MAILROOM_VAR_DIR="$work/var" MAILROOM_DB_PORT="${START_SMOKE_DB_PORT:-13397}" \
  setsid bash scripts/start.sh >"$log" 2>&1 &
pid=$!

passed=0; failed=0; failures=()
check() { if eval "$2"; then passed=$((passed + 1)); echo "  ok   $1"; else failed=$((failed + 1)); failures+=("$1"); echo "  FAIL $1"; fi; }

for _ in $(seq 1 300); do
  grep -q 'Ready in' "$log" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 1
done
token=$(grep -o 'Setup token: [A-Z0-9-]*' "$log" | head -1 | cut -d' ' -f3)
check "start prints a setup token" '[ -n "$token" ]'
check "start explains where the token is" 'grep -q "npm run mailroom -- setup-token" "$log"'
check "start runs a private MariaDB under the var folder" '[ -S "$work/var/mariadb/mysqld.sock" ]'
home=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://localhost:$port/")
check "/ leads to the setup wizard" '[[ "$home" == 307\ */setup ]]'
check "the setup wizard asks for the token" 'curl -s "http://localhost:$port/setup" | grep -q "Setup token"'

kill -- -"$pid" 2>/dev/null; wait "$pid" 2>/dev/null
for _ in $(seq 1 100); do [ -S "$work/var/mariadb/mysqld.sock" ] || break; sleep 0.1; done
check "Ctrl-C also stops the private MariaDB" '[ ! -S "$work/var/mariadb/mysqld.sock" ]'
# Without its configuration the server refuses to start and says what to set.
env -u DATABASE_URL -u NEXTAUTH_SECRET timeout 60 npx next start -p "$port" >"$work/noenv.log" 2>&1
noenv=$?
check "the server stops at start-up without DATABASE_URL and says what to set" '[ "$noenv" -ne 0 ] && [ "$noenv" -ne 124 ] && grep -q "DATABASE_URL is not set" "$work/noenv.log"'
[ "$failed" -eq 0 ] || { echo "--- start.log"; tail -40 "$log"; }
printf '{"passed":%d,"failed":%d}\n' "$passed" "$failed" > "$report"
[ "$failed" -eq 0 ]
