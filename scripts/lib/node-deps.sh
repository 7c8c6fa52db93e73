# Sourced by the README's commands: check Node, install npm packages when the lock file changed.
ensure_node_deps() {
  local major minor
  IFS=. read -r major minor _ <<<"$(node -p 'process.versions.node')"
  if [ "$major" -lt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -lt 19 ]; }; then
    echo "Mailroom needs Node.js 20.19 or newer (found $(node -v))." >&2
    exit 1
  fi
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "Installing npm packages..."
    # `npm ci` refuses a lock file without entries for the other platforms' optional packages that
    # this registry mirror lacks; `npm install` installs exactly the locked versions all the same.
    npm install --no-fund --no-audit || { echo "npm install failed" >&2; exit 1; }
  elif [ ! -f lib/generated/prisma/client.ts ] || [ prisma/schema.prisma -nt lib/generated/prisma/client.ts ]; then
    node scripts/prisma-generate.mjs
  fi
}
