#!/bin/bash
# usage: chromium.sh <page query> <out name>; run from this directory with server.py running
cd "$(dirname "$0")"
rm -f out/$2 out/$2.error
D=$(mktemp -d /tmp/chr.XXXX)
chromium --headless=new --no-sandbox --disable-gpu --user-data-dir=$D --use-fake-device-for-media-stream --use-fake-ui-for-media-stream "http://127.0.0.1:18499/page.html?$1&name=$2" >/dev/null 2>&1 &
P=$!
for i in $(seq 1 60); do [ -f out/$2 ] || [ -f out/$2.error ] && break; sleep 0.5; done
kill $P 2>/dev/null; wait $P 2>/dev/null
ls -la out/$2* 2>&1
