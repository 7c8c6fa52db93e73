#!/usr/bin/env bash
# Starts (or restarts) a private Postfix: SMTP on 127.0.0.1:$MAILSTACK_SMTP_PORT (10025), its own config
# folder, queue and log, reading Mailroom's database through the maps Mailroom generates.
#   scripts/mailstack/start-postfix.sh --db-host H --db-port P --db-name N --db-user U --db-password-file F
# (the --db-* options are the config generator's: npm run mailroom -- config --help)
source "$(dirname "$0")/lib.sh"
bash "$root/scripts/apt-install.sh" postfix postfix-mysql
ensure_vmail
etc=$POSTFIX_DIR/etc
bash "$root/scripts/mailstack/stop-postfix.sh"
# a disposable instance: start with an empty queue (nothing left over from another database)
rm -rf "$POSTFIX_DIR/spool"
mkdir -p "$etc/sql" "$POSTFIX_DIR/spool" "$POSTFIX_DIR/data"
chown postfix "$POSTFIX_DIR/data"
: > "$POSTFIX_DIR/maillog"
generate_config postfix "$etc/sql" "$@"
# proxymap reads the maps after dropping to the postfix user
chgrp postfix "$etc/sql"/*.cf

cat > "$etc/main.cf" <<CONF
# Private test instance written by scripts/mailstack/start-postfix.sh
compatibility_level = 3.6
queue_directory = $POSTFIX_DIR/spool
data_directory = $POSTFIX_DIR/data
maillog_file = $POSTFIX_DIR/maillog
maillog_file_prefixes = $POSTFIX_DIR
myhostname = mailstack.test
mydomain = mailstack.test
myorigin = mailstack.test
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
local_recipient_maps =
biff = no
smtputf8_enable = no
smtpd_banner = \$myhostname ESMTP
smtpd_relay_restrictions = reject_unauth_destination
# over-quota mailboxes are refused at RCPT by Dovecot's quota-status policy service
smtpd_recipient_restrictions = check_policy_service inet:127.0.0.1:$QUOTA_STATUS_PORT
lmtp_destination_recipient_limit = 50
delay_warning_time = 0
bounce_queue_lifetime = 0
maximal_queue_lifetime = 1h
CONF
cat "$etc/sql/main.cf.mailroom" >> "$etc/main.cf"

# Every service unchrooted (chroot would break the maps and the maillog file)
cat > "$etc/master.cf" <<CONF
127.0.0.1:$SMTP_PORT inet n - n - - smtpd
pickup     unix  n - n 60   1 pickup
cleanup    unix  n - n -    0 cleanup
qmgr       unix  n - n 300  1 qmgr
rewrite    unix  - - n -    - trivial-rewrite
bounce     unix  - - n -    0 bounce
defer      unix  - - n -    0 bounce
trace      unix  - - n -    0 bounce
verify     unix  - - n -    1 verify
flush      unix  n - n 1000? 0 flush
proxymap   unix  - - n -    - proxymap
proxywrite unix  - - n -    1 proxymap
smtp       unix  - - n -    - smtp
relay      unix  - - n -    - smtp
showq      unix  n - n -    - showq
error      unix  - - n -    - error
retry      unix  - - n -    - error
discard    unix  - - n -    - discard
local      unix  - n n -    - local
virtual    unix  - n n -    - virtual
lmtp       unix  - - n -    - lmtp
anvil      unix  - - n -    1 anvil
scache     unix  - - n -    1 scache
postlog    unix-dgram n - n - 1 postlogd
CONF

# Postfix prints its errors only to a terminal: give it one (script), keep the text for the error message.
postfix_cmd() { script -qec "$(printf '%q ' postfix -c "$etc" "$@")" /dev/null; }
postfix_cmd start >"$POSTFIX_DIR/start.log" 2>&1 || { cat "$POSTFIX_DIR/start.log" >&2; die "postfix did not start"; }
wait_port "$SMTP_PORT" || { tail -20 "$POSTFIX_DIR/maillog" >&2 || true; die "postfix is not listening on $SMTP_PORT"; }
