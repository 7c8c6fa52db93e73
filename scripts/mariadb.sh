#!/usr/bin/env bash
# A private MariaDB instance under a folder of ours, on a loopback port (no systemd, no system files).
#   scripts/mariadb.sh start DIR PORT   initialise on first use, start, print nothing on success
#   scripts/mariadb.sh stop DIR
#   scripts/mariadb.sh url DIR DBNAME   print a DATABASE_URL for the app user (creating the database)
set -euo pipefail
cmd=${1:?start|stop|url}
dir=$(mkdir -p "${2:?DIR}" && cd "$2" && pwd)
data="$dir/data"; sock="$dir/mysqld.sock"; pidf="$dir/mysqld.pid"; log="$dir/mysqld.log"

root_sql() { mariadb --no-defaults --protocol=socket -S "$sock" -uroot "$@"; }

is_running() {
  [ -f "$pidf" ] || return 1
  local pid state; pid=$(cat "$pidf" 2>/dev/null) || return 1
  state=$(ps -o stat= -p "$pid" 2>/dev/null || true)
  [ -n "$state" ] && [ "${state:0:1}" != Z ]   # PID 1 here never reaps: a zombie counts as stopped
}

case "$cmd" in
start)
  port=${3:?PORT}
  if ! command -v mariadbd >/dev/null; then
    bash "$(dirname "$0")/apt-install.sh" mariadb-server
  fi
  if [ ! -d "$data/mysql" ]; then
    mkdir -p "$data"; chown -R mysql:mysql "$dir" 2>/dev/null || true
    mariadb-install-db --no-defaults --user=mysql --datadir="$data" \
      --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1 \
      || { cat "$dir/install.log" >&2; exit 1; }
  fi
  if is_running; then exit 0; fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is already taken by another program; choose another one (MAILROOM_DB_PORT / MAILROOM_TEST_DB_PORT)." >&2
    exit 1
  fi
  chown -R mysql:mysql "$dir" 2>/dev/null || true
  mariadbd --no-defaults --user=mysql --datadir="$data" --socket="$sock" --port="$port" \
    --bind-address=127.0.0.1 --pid-file="$pidf" --skip-log-bin --log-error="$log" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
    --innodb-buffer-pool-size=256M --max-connections=500 >/dev/null 2>&1 &
  for _ in $(seq 1 300); do
    if root_sql -e 'SELECT 1' >/dev/null 2>&1; then
      # Prisma needs a TCP user with a password; keep it in the instance folder, readable by root only.
      if [ ! -f "$dir/app-password" ]; then
        (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/app-password")
      fi
      pw=$(cat "$dir/app-password")
      root_sql -e "CREATE USER IF NOT EXISTS 'mailroom'@'127.0.0.1' IDENTIFIED BY '$pw';
        GRANT ALL PRIVILEGES ON *.* TO 'mailroom'@'127.0.0.1' WITH GRANT OPTION;
        CREATE USER IF NOT EXISTS 'mailroom'@'localhost' IDENTIFIED BY '$pw';
        GRANT ALL PRIVILEGES ON *.* TO 'mailroom'@'localhost' WITH GRANT OPTION;"
      echo "$port" > "$dir/port"
      exit 0
    fi
    sleep 0.1
  done
  echo "MariaDB did not start; see $log" >&2; tail -20 "$log" >&2 || true; exit 1
  ;;
stop)
  is_running || exit 0
  pid=$(cat "$pidf"); kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do is_running || exit 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  ;;
url)
  name=${3:?DBNAME}
  [[ "$name" =~ ^[A-Za-z0-9_]+$ ]] || { echo "bad database name" >&2; exit 2; }
  root_sql -e "CREATE DATABASE IF NOT EXISTS \`$name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci"
  echo "mysql://mailroom:$(cat "$dir/app-password")@127.0.0.1:$(cat "$dir/port")/$name"
  ;;
*) echo "usage: $0 start DIR PORT | stop DIR | url DIR DBNAME" >&2; exit 2 ;;
esac
