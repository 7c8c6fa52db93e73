# Shared by the private Cyrus scripts (sourced). A Cyrus IMAP for tests and development, unpacked
# from Debian's packages into var/ (cyrus-imapd conflicts with Dovecot in apt), own folders, loopback
# ports only, nothing in /etc touched: saslauthd gets its own /etc/pam.d in a private mount namespace.
source "$(dirname "${BASH_SOURCE[0]}")/../mailstack/lib.sh"
CYRUS_PKG_DIR=${CYRUS_PKG_DIR:-$root/var/cyrus}
CYRUS_ROOT=$CYRUS_PKG_DIR/root
CYRUS_DIR=${CYRUS_DIR:-$root/var/test/cyrus}
CYRUS_IMAP_PORT=${CYRUS_IMAP_PORT:-10343}
CYRUS_LMTP_PORT=${CYRUS_LMTP_PORT:-10324}
CYRUS_SIEVE_PORT=${CYRUS_SIEVE_PORT:-14190}
CYRUS_SERVERNAME=${CYRUS_SERVERNAME:-cyrus.mailroom.test}
CYRUS_BIN=$CYRUS_ROOT/usr/lib/cyrus/bin
CYRUS_LIBS=$CYRUS_ROOT/usr/lib/x86_64-linux-gnu:$CYRUS_ROOT/lib/x86_64-linux-gnu
PAM_MYSQL_SO=$CYRUS_ROOT/lib/x86_64-linux-gnu/security/pam_mysql.so

cyrus_die() { echo "cyrus: $*" >&2; exit 1; }
