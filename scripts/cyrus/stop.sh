#!/usr/bin/env bash
# Stops the private Cyrus started by start.sh: its master (which ends its services) and its saslauthd.
source "$(dirname "$0")/lib.sh"
stop_pidfile "$CYRUS_DIR/run/master.pid"
stop_pidfile "$CYRUS_DIR/saslauthd/saslauthd.pid"
