#!/usr/bin/env bash
# Fetches Debian's Cyrus IMAP, saslauthd and pam_mysql packages (apt-get download, no install) and
# unpacks them with dpkg -x into var/cyrus/root. Does nothing when they are already there.
source "$(dirname "$0")/lib.sh"
PACKAGES=(cyrus-imapd cyrus-common cyrus-admin cyrus-clients libical3 libpcre3 libxapian30 sasl2-bin libpam-mysql)
[ -x "$CYRUS_BIN/master" ] && [ -x "$CYRUS_ROOT/usr/sbin/saslauthd" ] && [ -f "$PAM_MYSQL_SO" ] && exit 0
mkdir -p "$CYRUS_PKG_DIR/debs"
cd "$CYRUS_PKG_DIR/debs"
if ! apt-get download "${PACKAGES[@]}" >/dev/null 2>"$CYRUS_PKG_DIR/download.log"; then
  apt-get update -qq
  apt-get download "${PACKAGES[@]}" >/dev/null 2>"$CYRUS_PKG_DIR/download.log" || { cat "$CYRUS_PKG_DIR/download.log" >&2; cyrus_die "apt-get download failed"; }
fi
rm -rf "$CYRUS_ROOT.new"
for deb in ./*.deb; do dpkg -x "$deb" "$CYRUS_ROOT.new"; done
rm -rf "$CYRUS_ROOT"
mv "$CYRUS_ROOT.new" "$CYRUS_ROOT"
[ -x "$CYRUS_BIN/master" ] || cyrus_die "the unpacked packages hold no Cyrus master"
