#!/usr/bin/env bash
# Starts (or restarts) a private Cyrus IMAP 3.6: IMAP on 127.0.0.1:$CYRUS_IMAP_PORT (10343), LMTP on
# $CYRUS_LMTP_PORT (10324, preauthenticated, so loopback only), sieve on $CYRUS_SIEVE_PORT (14190).
# The admin `cyrus` logs in with the password in --admin-password-file (sasldb). With the --db-*
# options (the config generator's), mailbox owners log in with their mailbox.password through
# saslauthd -> PAM -> pam_mysql, configured by Mailroom's own generator (config cyrus).
#   scripts/cyrus/start.sh --admin-password-file F [--fresh] [--smtp-port P] [--tls-cert F --tls-key F]
#                          [--db-host H --db-port P --db-name N --db-user U --db-password-file F]
# --fresh wipes the mail spool and mailbox list first (else a restart keeps them). Mail Cyrus sends
# itself (Sieve vacation replies, redirects) goes over SMTP to 127.0.0.1:P with --smtp-port (a test's
# own catcher), else nowhere: the instance never hands mail to the machine's sendmail. With --tls-cert
# and --tls-key (PEM), IMAP and sieve offer STARTTLS (plain text logins stay allowed).
source "$(dirname "$0")/lib.sh"
admin_pw_file= fresh= smtp_port= tls_cert= tls_key= db_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --admin-password-file) admin_pw_file=$2; shift 2 ;;
    --fresh) fresh=1; shift ;;
    --smtp-port) smtp_port=$2; shift 2 ;;
    --tls-cert) tls_cert=$2; shift 2 ;;
    --tls-key) tls_key=$2; shift 2 ;;
    --db-host|--db-port|--db-name|--db-user|--db-password-file) db_args+=("$1" "$2"); shift 2 ;;
    *) cyrus_die "unknown option $1" ;;
  esac
done
[ -n "$admin_pw_file" ] && [ -r "$admin_pw_file" ] || cyrus_die "--admin-password-file FILE is required"
[ -z "$smtp_port" ] || [[ "$smtp_port" =~ ^[0-9]{1,5}$ ]] || cyrus_die "--smtp-port must be a port number"

bash "$root/scripts/cyrus/fetch.sh"
bash "$root/scripts/cyrus/stop.sh"
for port in "$CYRUS_IMAP_PORT" "$CYRUS_LMTP_PORT" "$CYRUS_SIEVE_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then cyrus_die "port $port is taken by another program"; fi
done

conf=$CYRUS_DIR/conf spool=$CYRUS_DIR/spool etc=$CYRUS_DIR/etc
[ -n "$fresh" ] && rm -rf "$conf" "$spool" "$CYRUS_DIR/sieve"
mkdir -p "$etc" "$CYRUS_DIR/run" "$CYRUS_DIR/saslauthd" "$CYRUS_DIR/pam.d" "$spool" "$CYRUS_DIR/sieve"
for sub in db proc socket log msg lock sieve user quota; do mkdir -p "$conf/$sub"; done
for letter in {a..z}; do mkdir -p "$conf/user/$letter" "$conf/quota/$letter"; done
chown -R mail:mail "$conf" "$spool" "$CYRUS_DIR/sieve"

pwcheck="auxprop"
if [ ${#db_args[@]} -gt 0 ]; then
  # Mailroom's own generator writes the pam_mysql file and the PAM service file
  (cd "$root" && node_modules/.bin/tsx scripts/mailroom.ts config cyrus --out "$etc" --config-dir "$etc" --force "${db_args[@]}" >/dev/null)
  chmod 0600 "$etc/pam-mysql-mailroom.conf"
  for service in imap pop sieve; do
    sed "s#pam_mysql.so#$PAM_MYSQL_SO#" "$etc/pam.d-cyrus" > "$CYRUS_DIR/pam.d/$service"
  done
  pwcheck="auxprop saslauthd"
fi

cat > "$CYRUS_DIR/imapd.conf" <<CONF
# Private test instance written by scripts/cyrus/start.sh
configdirectory: $conf
partition-default: $spool
sievedir: $CYRUS_DIR/sieve
servername: $CYRUS_SERVERNAME
cyrus_user: mail
syslog_prefix: mailroom-cyrus
virtdomains: userid
unixhierarchysep: yes
altnamespace: yes
admins: cyrus
delete_mode: immediate
lmtp_downcase_rcpt: yes
allowplaintext: yes
# tests log in with wrong passwords on purpose: no pause after a failed login
failedloginpause: 0
sasl_pwcheck_method: $pwcheck
sasl_auxprop_plugin: sasldb
sasl_sasldb_path: $CYRUS_DIR/sasldb2
sasl_saslauthd_path: $CYRUS_DIR/saslauthd/mux
sasl_mech_list: PLAIN LOGIN
# as config cyrus generates it: Mailroom offers vacation replies every 1 to 90 days (Cyrus: 3 to 90)
sieve_vacation_min_response: 1d
CONF
if [ -n "$tls_cert" ]; then
  [ -r "$tls_cert" ] && [ -r "$tls_key" ] || cyrus_die "--tls-cert and --tls-key must both be readable files"
  # Cyrus runs as mail: its own copies, readable by it alone
  mkdir -p "$CYRUS_DIR/tls"
  install -m 0600 -o mail -g mail "$tls_cert" "$CYRUS_DIR/tls/cert.pem"
  install -m 0600 -o mail -g mail "$tls_key" "$CYRUS_DIR/tls/key.pem"
  printf 'tls_server_cert: %s\ntls_server_key: %s\n' "$CYRUS_DIR/tls/cert.pem" "$CYRUS_DIR/tls/key.pem" >> "$CYRUS_DIR/imapd.conf"
fi
if [ -n "$smtp_port" ]; then
  printf 'smtp_backend: host\nsmtp_host: 127.0.0.1:%s/noauth\n' "$smtp_port" >> "$CYRUS_DIR/imapd.conf"
else
  echo 'sendmail: /bin/false' >> "$CYRUS_DIR/imapd.conf"
fi

# One long-lived imapd serves every connection in turn: Cyrus 3.6 seeds the generator of new
# mailboxes' MAILBOXIDs with the time in seconds, so two imapd processes started in the same second
# give their mailboxes the same ids, and quota roots then move between those mailboxes (see
# lib/mail/cyrus/README.md). Test connections are short and sequential, so one process is enough.
cat > "$CYRUS_DIR/cyrus.conf" <<CONF
START {
  recover cmd="$CYRUS_BIN/ctl_cyrusdb -C $CYRUS_DIR/imapd.conf -r"
}
SERVICES {
  imap  cmd="$CYRUS_BIN/imapd -C $CYRUS_DIR/imapd.conf -U 1000000" listen="127.0.0.1:$CYRUS_IMAP_PORT" prefork=1 maxchild=1
  lmtp  cmd="$CYRUS_BIN/lmtpd -C $CYRUS_DIR/imapd.conf -a" listen="127.0.0.1:$CYRUS_LMTP_PORT" prefork=0 maxchild=10
  sieve cmd="$CYRUS_BIN/timsieved -C $CYRUS_DIR/imapd.conf" listen="127.0.0.1:$CYRUS_SIEVE_PORT" prefork=0 maxchild=10
}
EVENTS {
  checkpoint cmd="$CYRUS_BIN/ctl_cyrusdb -C $CYRUS_DIR/imapd.conf -c" period=30
}
CONF

# the admin's password, from the first line of the file (never on a command line)
rm -f "$CYRUS_DIR/sasldb2"
head -n 1 "$admin_pw_file" | tr -d '\n' | LD_LIBRARY_PATH=$CYRUS_LIBS "$CYRUS_ROOT/usr/sbin/saslpasswd2" -f "$CYRUS_DIR/sasldb2" -p -c -u "$CYRUS_SERVERNAME" cyrus
chown mail:mail "$CYRUS_DIR/sasldb2"; chmod 0600 "$CYRUS_DIR/sasldb2"

if [ ${#db_args[@]} -gt 0 ]; then
  rm -f "$CYRUS_DIR/saslauthd/mux"
  # PAM reads only /etc/pam.d: saslauthd sees the instance's own folder there, in its own mount namespace
  LD_LIBRARY_PATH=$CYRUS_LIBS unshare --mount --propagation private sh -c 'mount --bind "$1" /etc/pam.d && exec "$2" -a pam -r -m "$3" -n 2' \
    sh "$CYRUS_DIR/pam.d" "$CYRUS_ROOT/usr/sbin/saslauthd" "$CYRUS_DIR/saslauthd" >"$CYRUS_DIR/saslauthd.log" 2>&1 \
    || { cat "$CYRUS_DIR/saslauthd.log" >&2; cyrus_die "saslauthd did not start"; }
  for _ in $(seq 1 100); do [ -S "$CYRUS_DIR/saslauthd/mux" ] && break; sleep 0.05; done
  [ -S "$CYRUS_DIR/saslauthd/mux" ] || cyrus_die "saslauthd did not open its socket"
fi

# imapd seeds new MAILBOXIDs with the time in seconds (see the cyrus.conf comment): a restart in the
# same second as the previous start would hand out the ids of that run's mailboxes again
started=$CYRUS_DIR/run/started-at
while [ -f "$started" ] && [ "$(cat "$started")" = "$(date +%s)" ]; do sleep 0.1; done
date +%s > "$started"

LD_LIBRARY_PATH=$CYRUS_LIBS "$CYRUS_BIN/master" -C "$CYRUS_DIR/imapd.conf" -M "$CYRUS_DIR/cyrus.conf" -p "$CYRUS_DIR/run/master.pid" -d \
  >"$CYRUS_DIR/master.log" 2>&1 || { cat "$CYRUS_DIR/master.log" >&2; cyrus_die "the Cyrus master did not start"; }
for port in "$CYRUS_IMAP_PORT" "$CYRUS_LMTP_PORT" "$CYRUS_SIEVE_PORT"; do
  wait_port "$port" || cyrus_die "Cyrus is not listening on $port (Cyrus logs only to syslog: run $CYRUS_BIN/master -D by hand)"
done
