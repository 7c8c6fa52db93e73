#!/usr/bin/env bash
# Command 2 of the README: install what is missing (Debian packages, npm packages) and run every
# test against real parts: type check, unit tests, integration tests on a private MariaDB (and the
# real PostfixAdmin for the drop-in test), then the browser tests in Debian's Chromium.
# Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/var/test"
rm -rf "$out/reports"; mkdir -p "$out/reports"

bash scripts/apt-install.sh mariadb-server chromium php-cli php-mysql openssl postfix postfix-mysql dovecot-imapd dovecot-pop3d dovecot-lmtpd dovecot-mysql || { echo "0 passed, 1 failed"; exit 1; }
source scripts/lib/node-deps.sh
(ensure_node_deps) || { echo "0 passed, 1 failed"; exit 1; }

# the private MariaDB the tests start is stopped when the run ends, whatever happens
trap 'bash scripts/mariadb.sh stop "$root/var/test/mariadb"' EXIT

status=0
echo "== Type check"
if ! npx tsc --noEmit; then status=1; echo '{"typecheck":"failed"}' > "$out/reports/typecheck.json"; fi

echo "== Unit and integration tests"
npx vitest run --reporter=default --reporter=json --outputFile="$out/reports/vitest.json" || status=1

echo "== Browser tests"
bash scripts/e2e.sh || status=1

echo "== The start command (README command 1)"
bash scripts/smoke-start.sh || status=1

node scripts/lib/test-summary.mjs "$out/reports" || status=1
exit $status
