# Shared by the test mail stack scripts (sourced). A private Postfix and Dovecot for tests and development:
# own folders under $MAILSTACK_DIR, loopback ports only, nothing in /etc touched.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MAILSTACK_DIR=${MAILSTACK_DIR:-$root/var/test/mailstack}
SMTP_PORT=${MAILSTACK_SMTP_PORT:-10025}
IMAP_PORT=${MAILSTACK_IMAP_PORT:-10143}
LMTP_PORT=${MAILSTACK_LMTP_PORT:-10024}
QUOTA_STATUS_PORT=${MAILSTACK_QUOTA_STATUS_PORT:-10030}
SIEVE_PORT=${MAILSTACK_SIEVE_PORT:-10190}
VMAIL_DIR=$MAILSTACK_DIR/vmail
POSTFIX_DIR=$MAILSTACK_DIR/postfix
DOVECOT_DIR=$MAILSTACK_DIR/dovecot

die() { echo "mailstack: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root: the daemons switch to their own users and deliver as vmail"

# PID from a pid file (Postfix pads it with spaces), or nothing.
pid_from() { [ -f "$1" ] && tr -dc '0-9' < "$1" || true; }

# Running = the process exists and is not a zombie (PID 1 here never reaps orphans).
pid_alive() {
  local state
  [ -n "$1" ] || return 1
  state=$(ps -o stat= -p "$1" 2>/dev/null || true)
  [ -n "$state" ] && [ "${state:0:1}" != Z ]
}

# Stops the process in a pid file: TERM, wait up to 10 s, then KILL.
stop_pidfile() {
  local pid; pid=$(pid_from "$1")
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do pid_alive "$pid" || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do pid_alive "$pid" || return 0; sleep 0.1; done
  die "process $pid from $1 did not stop"
}

# Waits until something listens on 127.0.0.1:PORT (bash's /dev/tcp), up to 15 s.
wait_port() {
  for _ in $(seq 1 150); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

# The vmail account owning every Maildir: the mail-admin convention is uid/gid 5000, else any free system id.
ensure_vmail() {
  if ! getent group vmail >/dev/null; then
    if getent group 5000 >/dev/null; then groupadd --system vmail; else groupadd --system --gid 5000 vmail; fi
  fi
  if ! id -u vmail >/dev/null 2>&1; then
    local uid_opt=(--uid 5000); getent passwd 5000 >/dev/null && uid_opt=()
    useradd --system "${uid_opt[@]}" --gid vmail --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin vmail
  fi
  VMAIL_UID=$(id -u vmail); VMAIL_GID=$(getent group vmail | cut -d: -f3)
  mkdir -p "$VMAIL_DIR"
  chown vmail:vmail "$VMAIL_DIR"; chmod 0770 "$VMAIL_DIR"
}

# Mailroom's own generator writes the files the daemons read ("$@": --db-* options).
generate_config() {
  local target=$1 out=$2; shift 2
  # npx tsx, without npx's lookup (1 s saved per start)
  (cd "$root" && node_modules/.bin/tsx scripts/mailroom.ts config "$target" --out "$out" --config-dir "$out" --force \
    --mail-base "$VMAIL_DIR" --vmail-uid "$VMAIL_UID" --vmail-gid "$VMAIL_GID" --vmail-user vmail \
    --virtual-transport "lmtp:inet:127.0.0.1:$LMTP_PORT" "$@" >/dev/null)
}
