#!/usr/bin/env bash
# tests/sh/88-tls-tshark.sh -- Wireshark's OWN TLS dissector (tshark, no Lua)
# decrypts captures of our sessions:
#   with the key log our s_server wrote (NSS format: CLIENT_RANDOM for 1.2,
#   *_TRAFFIC_SECRET for 1.3): TLS 1.3, TLS 1.2 DHE, TLS 1.2 RSA -- the HTTP
#   request and the secret in the response are visible;
#   with nothing but the server's RSA private key (Wireshark's RSA keys list):
#   TLS 1.2 RSA only -- the forward-secrecy demonstration: the same key opens
#   nothing of the DHE and TLS 1.3 sessions.
# Captures are made on lo with dumpcap (root); otherwise the test is skipped.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tlslib.sh"
if ! have openssl || ! have tshark || ! have dumpcap || ! have curl; then
  skip "tshark decrypts TLS" "openssl, tshark, dumpcap or curl missing"; finish; exit
fi
if [ "$(id -u)" != 0 ]; then
  skip "tshark decrypts TLS" "capturing on lo needs root"; finish; exit
fi
tls_certs
D=$TLS_D
WEB="$T_TMP/web"; mkdir -p "$WEB"
MARK="the-secret-$(randhex 8)"
echo "$MARK" > "$WEB/secret.txt"

capture_session() {   # NAME SERVER-ARGS CURL-ARGS
  local name=$1 sargs=$2 cargs=$3 i n
  KL="$T_TMP/$name.keylog"; CAP="$T_TMP/$name.pcapng"
  ( cd "$WEB" && exec "$CL" s_server -accept 127.0.0.1:0 -cert "$D/chain.pem" -key "$D/server.key" -WWW \
      -naccept 1 -keylogfile "$KL" $sargs ) 2> "$T_TMP/$name.srv" &
  SPID=$!; TLS_PIDS+=("$SPID")
  port_from_log "$T_TMP/$name.srv" "$TLS_WAIT" "$SPID" || { fail "$name: s_server start" "ACCEPT line" "$(cat "$T_TMP/$name.srv")"; return; }
  dumpcap -i lo -f "tcp port $PORT or udp port 9" -w "$CAP" -q > "$T_TMP/$name.dc" 2>&1 &
  local DC=$!; TLS_PIDS+=("$DC")
  wait_grep "$T_TMP/$name.dc" "Capturing on"
  # dumpcap says "Capturing on" a little before it captures: knock on UDP
  # port 9 until the file grows (a packet captured); packets land in order,
  # so a knock seen after the session means the whole session is in.
  knock_seen "$CAP" || fail "$name: dumpcap captures" "a UDP knock in $CAP" "nothing"
  curl --resolve "localhost:$PORT:127.0.0.1" -s --max-time 20 --cacert "$D/ca.pem" $cargs "https://localhost:$PORT/secret.txt" > "$T_TMP/$name.got"
  wait_pid "$SPID"
  knock_seen "$CAP"
  kill -INT "$DC"; wait "$DC" 2>/dev/null
  expect_eq "$name: curl got the file" "$MARK" "$(cat "$T_TMP/$name.got")"
}

grew() { [ "$(stat -c %s "$1" 2>/dev/null || echo 0)" -gt "$2" ]; }
knock_seen() {
  local before end
  before=$(stat -c %s "$1" 2>/dev/null || echo 0)
  end=$((SECONDS + TLS_WAIT))
  while [ "$SECONDS" -lt "$end" ]; do
    echo knock > /dev/udp/127.0.0.1/9
    wait_for 1 grew "$1" "$before" && return 0
  done
  return 1
}

decrypted() { tshark -r "$1" "${@:2}" -q -z follow,tls,ascii,0 2>/dev/null; }

for c in "tls13::Client Finished" \
         "tls12-dhe:-tls1_2 -cipher DHE-RSA-AES128-GCM-SHA256:CLIENT_RANDOM" \
         "tls12-rsa:-tls1_2 -cipher AES128-GCM-SHA256:CLIENT_RANDOM"; do
  name=${c%%:*}; rest=${c#*:}; sargs=${rest%%:*}
  capture_session "$name" "$sargs" ""
  case $name in
    tls13) grep -q "^CLIENT_TRAFFIC_SECRET_0 " "$KL" && grep -q "^SERVER_HANDSHAKE_TRAFFIC_SECRET " "$KL" &&
             pass "$name: key log has the TLS 1.3 secrets" || fail "$name: key log has the TLS 1.3 secrets" "*_TRAFFIC_SECRET lines" "$(cut -c1-40 "$KL")";;
    *) grep -q "^CLIENT_RANDOM [0-9a-f]\{64\} [0-9a-f]\{96\}$" "$KL" &&
         pass "$name: key log has CLIENT_RANDOM" || fail "$name: key log has CLIENT_RANDOM" "CLIENT_RANDOM cr ms" "$(cut -c1-40 "$KL")";;
  esac
  expect_eq "$name: key log mode" "600" "$(stat -c %a "$KL")"
  out=$(decrypted "$CAP" -o "tls.keylog_file:$KL")
  echo "$out" | grep -q "GET /secret.txt" && pass "$name: tshark + key log: the request" ||
    fail "$name: tshark + key log: the request" "GET /secret.txt" "$(echo "$out" | head -3)"
  echo "$out" | grep -q "$MARK" && pass "$name: tshark + key log: the secret" ||
    fail "$name: tshark + key log: the secret" "$MARK" "$(echo "$out" | head -3)"
  # the "stolen" RSA key alone
  out=$(decrypted "$CAP" -o "uat:rsa_keys:\"$D/server.key\",\"\"")
  if [ "$name" = tls12-rsa ]; then
    echo "$out" | grep -q "$MARK" && pass "$name: the server's RSA key alone decrypts the old capture" ||
      fail "$name: the server's RSA key alone decrypts the old capture" "$MARK" "$(echo "$out" | head -3)"
  else
    echo "$out" | grep -q "$MARK" && fail "$name: the RSA key alone decrypts nothing (forward secrecy)" "no $MARK" "$MARK found" ||
      pass "$name: the RSA key alone decrypts nothing (forward secrecy)"
  fi
done
finish
