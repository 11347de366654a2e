#!/bin/bash
# usage: firefox.sh <page query> <out name>; run from this directory with server.py running
cd "$(dirname "$0")"
rm -f out/$2 out/$2.error
D=$(mktemp -d /tmp/ff.XXXX)
cat > $D/user.js <<'P'
user_pref("media.navigator.streams.fake", true);
user_pref("media.navigator.permission.disabled", true);
user_pref("browser.shell.checkDefaultBrowser", false);
P
firefox-esr --headless --no-remote --profile $D "http://127.0.0.1:18499/page.html?$1&name=$2" >/dev/null 2>&1 &
P=$!
for i in $(seq 1 80); do [ -f out/$2 ] || [ -f out/$2.error ] && break; sleep 0.5; done
kill $P 2>/dev/null; wait $P 2>/dev/null
ls -la out/$2* 2>&1
