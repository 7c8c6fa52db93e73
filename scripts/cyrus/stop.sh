#!/usr/bin/env bash
# Stops the private Cyrus started by start.sh: its master and the services the master forked (by
# their PIDs: a busy imapd could otherwise finish one more command after the master is gone), then
# its saslauthd.
source "$(dirname "$0")/lib.sh"
master=$(pid_from "$CYRUS_DIR/run/master.pid")
children=
if pid_alive "$master"; then children=$(ps -o pid= --ppid "$master" 2>/dev/null || true); fi
stop_pidfile "$CYRUS_DIR/run/master.pid"
for pid in $children; do
  pid_alive "$pid" && kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do pid_alive "$pid" || break; sleep 0.1; done
  pid_alive "$pid" && kill -KILL "$pid" 2>/dev/null || true
done
stop_pidfile "$CYRUS_DIR/saslauthd/saslauthd.pid"
