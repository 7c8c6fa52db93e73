#!/usr/bin/env bash
# Stops the private Postfix started by start-postfix.sh (by the PID in its master.pid).
source "$(dirname "$0")/lib.sh"
stop_pidfile "$POSTFIX_DIR/spool/pid/master.pid"
