#!/usr/bin/env bash
# Command 1 of the README: install what is missing, start a private MariaDB under ./var unless
# DATABASE_URL is set, apply the migrations, build, and serve Mailroom on http://localhost:${PORT:-3000}.
# Before the first superadmin exists it prints the setup wizard's one-time token.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export PORT=${PORT:-3000}
export MAILROOM_VAR_DIR=${MAILROOM_VAR_DIR:-$root/var}
mkdir -p "$MAILROOM_VAR_DIR"

source scripts/lib/node-deps.sh
ensure_node_deps

if [ -z "${NEXTAUTH_SECRET:-}" ]; then
  secret_file="$MAILROOM_VAR_DIR/nextauth-secret"
  [ -s "$secret_file" ] || (umask 077; head -c 48 /dev/urandom | base64 | tr -d '\n' > "$secret_file")
  NEXTAUTH_SECRET=$(cat "$secret_file"); export NEXTAUTH_SECRET
fi
export NEXTAUTH_URL=${NEXTAUTH_URL:-http://localhost:$PORT}

private_db=
if [ -z "${DATABASE_URL:-}" ]; then
  private_db="$MAILROOM_VAR_DIR/mariadb"
  echo "Starting the private MariaDB in $private_db (port ${MAILROOM_DB_PORT:-3307})..."
  bash scripts/mariadb.sh start "$private_db" "${MAILROOM_DB_PORT:-3307}"
  DATABASE_URL=$(bash scripts/mariadb.sh url "$private_db" mailroom); export DATABASE_URL
  trap 'bash scripts/mariadb.sh stop "$private_db"' EXIT
  trap 'exit 130' INT TERM
fi

npx tsx scripts/mailroom.ts migrate

# Rebuild only when a source file is newer than the last build.
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib messages proxy.ts next.config.js package-lock.json -newer .next/BUILD_ID -print -quit)" ]; then
  echo "Building Mailroom..."
  npx next build
fi

npx tsx scripts/mailroom.ts setup-token
echo "Mailroom is starting on http://localhost:$PORT (Ctrl-C stops it${private_db:+ and the private MariaDB})."
npx next start -p "$PORT"
