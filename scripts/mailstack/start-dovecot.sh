#!/usr/bin/env bash
# Starts (or restarts) a private Dovecot: IMAP on 127.0.0.1:$MAILSTACK_IMAP_PORT (10143), LMTP on
# 127.0.0.1:$MAILSTACK_LMTP_PORT (10024), quota-status (Postfix policy) on $MAILSTACK_QUOTA_STATUS_PORT (10030),
# ManageSieve on $MAILSTACK_SIEVE_PORT (10190), its own base_dir and log; SQL auth, userdb and quota from the
# files Mailroom generates; Sieve (Pigeonhole) at delivery, its replies sent through the private Postfix.
#   scripts/mailstack/start-dovecot.sh --db-host H --db-port P --db-name N --db-user U --db-password-file F
# The ManageSieve master user Mailroom logs in as: $MAILSTACK_SIEVE_MASTER_USER (mailroom-sieve) with the
# password in the first line of $MAILSTACK_SIEVE_MASTER_PASSWORD_FILE (default: a random one, written to
# $MAILSTACK_DIR/dovecot/master-password).
source "$(dirname "$0")/lib.sh"
bash "$root/scripts/apt-install.sh" dovecot-imapd dovecot-pop3d dovecot-lmtpd dovecot-mysql dovecot-sieve dovecot-managesieved
ensure_vmail
etc=$DOVECOT_DIR/etc
bash "$root/scripts/mailstack/stop-dovecot.sh"
mkdir -p "$etc" "$DOVECOT_DIR/run" "$DOVECOT_DIR/state"
generate_config dovecot "$etc" "$@"
# the dict process (quota usage into quota2) reads its file as the dovecot user
chgrp dovecot "$etc/dovecot-dict-sql.conf.ext"

# The master user: only its hash is stored (passwd-file, read by the auth process as the dovecot user)
master_user=${MAILSTACK_SIEVE_MASTER_USER:-mailroom-sieve}
master_file=${MAILSTACK_SIEVE_MASTER_PASSWORD_FILE:-$DOVECOT_DIR/master-password}
if [ ! -s "$master_file" ]; then
  (umask 077; head -c 24 /dev/urandom | base64 | tr -d '\n' > "$master_file"; echo >> "$master_file")
fi
master_hash=$(head -n 1 "$master_file" | tr -d '\n' | openssl passwd -6 -stdin)
printf '%s:{SHA512-CRYPT}%s\n' "$master_user" "$master_hash" > "$etc/master-users"
chgrp dovecot "$etc/master-users"; chmod 0640 "$etc/master-users"

cat > "$etc/dovecot.conf" <<CONF
# Private test instance written by scripts/mailstack/start-dovecot.sh
instance_name = mailroom-mailstack
base_dir = $DOVECOT_DIR/run
state_dir = $DOVECOT_DIR/state
log_path = $DOVECOT_DIR/dovecot.log
listen = 127.0.0.1
protocols = imap lmtp sieve
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

# --- Sieve (after the include: the protocol blocks extend its mail_plugins)
service managesieve-login {
  inet_listener sieve {
    address = 127.0.0.1
    port = $SIEVE_PORT
  }
}
protocol lmtp {
  mail_plugins = \$mail_plugins sieve
}
plugin {
  # each mailbox's scripts under its home, which is the Maildir itself: no name may start with a dot there,
  # or Maildir++ would take it for a folder (the usual ~/.dovecot.sieve breaks fileinto)
  sieve = file:~/sieve;active=~/dovecot.sieve
}
# vacation replies and redirects leave through the private Postfix
submission_host = 127.0.0.1:$SMTP_PORT
# Mailroom manages the owners' scripts as this master user: ManageSieve AUTHENTICATE PLAIN with the owner
# as authorization id; pass = yes still requires the owner to be an active mailbox in the SQL passdb
passdb {
  driver = passwd-file
  args = $etc/master-users
  master = yes
  pass = yes
}
CONF

dovecot -c "$etc/dovecot.conf" >"$DOVECOT_DIR/start.log" 2>&1 || { cat "$DOVECOT_DIR/start.log" >&2; tail -20 "$DOVECOT_DIR/dovecot.log" >&2 || true; die "dovecot did not start"; }
for port in "$IMAP_PORT" "$LMTP_PORT" "$QUOTA_STATUS_PORT" "$SIEVE_PORT"; do
  wait_port "$port" || { tail -20 "$DOVECOT_DIR/dovecot.log" >&2 || true; die "dovecot is not listening on $port"; }
done
