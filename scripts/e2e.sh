#!/usr/bin/env bash
# Browser tests: a fresh database on a private MariaDB, a production build of Mailroom on port 3100,
# and Playwright driving Debian's Chromium through the whole first-run story.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
e2e="$root/var/e2e"
rm -rf "$e2e/state"; mkdir -p "$e2e/state"
bash scripts/mariadb.sh start "$root/var/test/mariadb" "${MAILROOM_TEST_DB_PORT:-13307}"
db="e2e_$(date +%s)_$$"
DATABASE_URL=$(bash scripts/mariadb.sh url "$root/var/test/mariadb" "$db"); export DATABASE_URL
export NEXTAUTH_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
export E2E_PORT=${E2E_PORT:-3100}
export NEXTAUTH_URL=http://localhost:$E2E_PORT
export MAILROOM_VAR_DIR="$e2e/state"
# The database stays empty: the setup wizard itself applies the migrations.
npx next build
npx playwright test "$@"
