#!/usr/bin/env bash
# 51-net-attacks: a proxy between client and server flips a bit, replays,
# drops, reorders, cuts, alters a handshake byte: the receiver aborts with
# the right alert and no file is stored; the server keeps serving.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netlib.sh"
if ! have python3; then skip "all attack tests" "python3 not installed"; finish; exit; fi
net_key
start_server attacks
head -c 100000 /dev/urandom > "$T_TMP/payload"

# attack MODE EXPECTED_SERVER_LOG_TEXT  (suite: $SUITE, for the client's --suite)
SUITE=ctr
# wait_log_after FILE N PATTERN: bounded wait for PATTERN in the lines after line N
wait_log_after() {
  local i
  for i in $(seq "$NET_TRIES"); do tail -n "+$(($2 + 1))" "$1" | grep -q -- "$3" && return 0; sleep 0.05; done
  return 1
}
attack() {
  local mode=$1 want=$2 name="victim-$1-$SUITE" before
  before=$(wc -l < "$SRV_LOG")
  cp "$T_TMP/payload" "$T_TMP/$name"
  start_proxy "$mode" 3
  if out=$("$CLIENT" -p "$PROXY_PORT" --pin "$SRV_FP" --suite "$SUITE" 127.0.0.1 send "$T_TMP/$name" 2>&1); then
    fail "$mode ($SUITE): the client must fail" "exit 1" "$out"
  else
    pass "$mode ($SUITE): the client fails"
  fi
  wait "$PROXY_PID" 2>/dev/null
  if wait_log_after "$SRV_LOG" "$before" "$want"; then pass "$mode ($SUITE): server log: $want"
  else fail "$mode ($SUITE): server log" "$want" "$(tail -3 "$SRV_LOG")"; fi
  [ -e "$SRV_DIR/$name" ] && fail "$mode ($SUITE): no file stored" || pass "$mode ($SUITE): no file stored"
}
attack flip    "sent alert bad_record_mac"
attack replay  "record #4 failed its MAC check"
attack drop    "record #3 failed its MAC check"
attack reorder "record #3 failed its MAC check"
attack cut     "transfer of victim-cut-ctr aborted, nothing stored"
attack hsbyte  "client Finished does not verify"
wait_log "$SRV_LOG" "transfer of victim-flip-ctr aborted, nothing stored" && pass "flip: transfer aborted" || fail "flip: transfer aborted"

# the same against the AES-256-GCM suite (docs/protocol.md §5.2): bad tag = bad_record_mac
SUITE=gcm
attack flip    "AES-256-GCM tag; tampered"
attack replay  "record #4 failed its MAC check (AES-256-GCM tag"
attack reorder "record #3 failed its MAC check (AES-256-GCM tag"
wait_log "$SRV_LOG" "transfer of victim-flip-gcm aborted, nothing stored" && pass "flip (gcm): transfer aborted" || fail "flip (gcm): transfer aborted"
# a man in the middle strips GCM from the offer: the server picks CTR, but the
# Finished messages cover the ClientHello, so the handshake fails
SUITE=gcm,ctr
attack downgrade "client Finished does not verify"
wait_log "$SRV_LOG" "handshake ok: version 2, AES256-GCM" && pass "gcm: the server negotiated AES256-GCM" || fail "gcm: the server negotiated AES256-GCM"

# the server -> client direction: a flipped bit in a downloaded file
cp "$T_TMP/payload" "$SRV_DIR/download"
start_proxy flip-s2c 3
mkdir -p "$T_TMP/dl"
if out=$("$CLIENT" -p "$PROXY_PORT" --pin "$SRV_FP" 127.0.0.1 get download -o "$T_TMP/dl/download" 2>&1); then
  fail "flip-s2c: the client must fail" "exit 1" "$out"
else
  case $out in *bad_record_mac*) pass "flip-s2c: the client reports bad_record_mac";;
               *) fail "flip-s2c: the client reports bad_record_mac" "bad_record_mac" "$out";; esac
fi
[ -z "$(ls -A "$T_TMP/dl")" ] && pass "flip-s2c: no file written" || fail "flip-s2c: no file written" "" "$(ls -A "$T_TMP/dl")"
wait "$PROXY_PID" 2>/dev/null
wait_log "$SRV_LOG" "the peer sent alert bad_record_mac" && pass "flip-s2c: the server learns of it" || fail "flip-s2c: the server receives the alert"

# still serving
cp "$T_TMP/payload" "$T_TMP/after"
client 127.0.0.1 send "$T_TMP/after" >/dev/null 2>&1 && [ "$(sha "$SRV_DIR/after")" = "$(sha "$T_TMP/payload")" ] \
  && pass "the server still serves after the attacks" || fail "the server still serves after the attacks"
finish
