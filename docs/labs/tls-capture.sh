#!/usr/bin/env bash
# docs/labs/tls-capture.sh -- for docs/labs/tls.md: one HTTPS fetch from
# `cryptolab s_server -WWW`, captured on lo with dumpcap.
#   usage: bash docs/labs/tls-capture.sh DIR NAME [s_server options...]
# DIR holds cert.pem, key.pem and web/; writes DIR/NAME.pcapng (the capture),
# DIR/NAME.keylog (the server's NSS key log) and DIR/NAME.log (its messages).
# Needs root (or dumpcap allowed to capture) and curl.
set -u
D=$1; N=$2; shift 2
CL=${CL:-$PWD/bin/cryptolab}
rm -f "$D/$N.pcapng" "$D/$N.keylog" "$D/$N.log"
( cd "$D/web" && exec "$CL" s_server -accept 127.0.0.1:0 -cert ../cert.pem -key ../key.pem -WWW \
    -naccept 1 -keylogfile "../$N.keylog" "$@" ) 2> "$D/$N.log" &
SP=$!
for i in $(seq 200); do grep -q '^ACCEPT' "$D/$N.log" 2>/dev/null && break; sleep 0.05; done
PORT=$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$D/$N.log")
dumpcap -i lo -f "tcp port $PORT or udp port 9" -w "$D/$N.pcapng" -q > "$D/$N.dumpcap" 2>&1 &
DC=$!
seen() {   # knock on UDP port 9 until the capture file grows: dumpcap really captures
  local b; b=$(stat -c %s "$D/$N.pcapng" 2>/dev/null || echo 0)
  for i in $(seq 100); do
    echo knock > /dev/udp/127.0.0.1/9
    sleep 0.05
    [ "$(stat -c %s "$D/$N.pcapng" 2>/dev/null || echo 0)" -gt "$b" ] && return 0
  done
  return 1
}
for i in $(seq 100); do grep -q "Capturing on" "$D/$N.dumpcap" && break; sleep 0.05; done
seen
curl -s --max-time 20 --cacert "$D/cert.pem" "https://localhost:$PORT/secret.txt"
wait "$SP"
seen
kill -INT "$DC"; wait "$DC" 2>/dev/null
echo "captured $D/$N.pcapng ($(grep '^CONNECTION' "$D/$N.log" | cut -d' ' -f3-))"
