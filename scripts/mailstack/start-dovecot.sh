#!/usr/bin/env bash
# Starts (or restarts) a private Dovecot: IMAP on 127.0.0.1:$MAILSTACK_IMAP_PORT (10143), LMTP on
# 127.0.0.1:$MAILSTACK_LMTP_PORT (10024), quota-status (Postfix policy) on $MAILSTACK_QUOTA_STATUS_PORT (10030),
# its own base_dir and log; SQL auth, userdb and quota from the files Mailroom generates.
#   scripts/mailstack/start-dovecot.sh --db-host H --db-port P --db-name N --db-user U --db-password-file F
source "$(dirname "$0")/lib.sh"
bash "$root/scripts/apt-install.sh" dovecot-imapd dovecot-pop3d dovecot-lmtpd dovecot-mysql
ensure_vmail
etc=$DOVECOT_DIR/etc
bash "$root/scripts/mailstack/stop-dovecot.sh"
mkdir -p "$etc" "$DOVECOT_DIR/run" "$DOVECOT_DIR/state"
generate_config dovecot "$etc" "$@"
# the dict process (quota usage into quota2) reads its file as the dovecot user
chgrp dovecot "$etc/dovecot-dict-sql.conf.ext"

cat > "$etc/dovecot.conf" <<CONF
# Private test instance written by scripts/mailstack/start-dovecot.sh
instance_name = mailroom-mailstack
base_dir = $DOVECOT_DIR/run
state_dir = $DOVECOT_DIR/state
log_path = $DOVECOT_DIR/dovecot.log
listen = 127.0.0.1
protocols = imap lmtp
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# tests log in with wrong passwords on purpose: no delay, no per-IP penalty
auth_failure_delay = 0
login_trusted_networks = 127.0.0.0/8
postmaster_address = postmaster@mailstack.test
hostname = mailstack.test
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $LMTP_PORT
  }
}
service quota-status {
  executable = quota-status -p postfix
  inet_listener {
    address = 127.0.0.1
    port = $QUOTA_STATUS_PORT
  }
  client_limit = 1
}
plugin {
  quota_status_success = DUNNO
  quota_status_nouser = DUNNO
  quota_status_overquota = "552 5.2.2 Mailbox is full"
}
!include $etc/99-mailroom.conf
CONF

dovecot -c "$etc/dovecot.conf" >"$DOVECOT_DIR/start.log" 2>&1 || { cat "$DOVECOT_DIR/start.log" >&2; tail -20 "$DOVECOT_DIR/dovecot.log" >&2 || true; die "dovecot did not start"; }
for port in "$IMAP_PORT" "$LMTP_PORT" "$QUOTA_STATUS_PORT"; do
  wait_port "$port" || { tail -20 "$DOVECOT_DIR/dovecot.log" >&2 || true; die "dovecot is not listening on $port"; }
done
