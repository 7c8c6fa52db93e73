#!/usr/bin/env bash
# Stops the private Dovecot started by start-dovecot.sh (by the PID in its master.pid).
source "$(dirname "$0")/lib.sh"
stop_pidfile "$DOVECOT_DIR/run/master.pid"
