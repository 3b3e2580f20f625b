#!/usr/bin/env bash
# 52-net-hostile: garbage, a 2^31 length field, a hello in 1-byte writes, an
# idle connection past the timeout, a file name like ../../etc/passwd: the
# server rejects that connection cleanly and keeps serving the others.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netlib.sh"
if ! have python3; then skip "hostile-input tests" "python3 not installed"; finish; exit; fi
net_key
start_server hostile --timeout 2
echo "innocent" > "$T_TMP/ok.txt"
raw() { python3 "$TOP/tests/sh/netproxy.py" raw "$SRV_PORT" "$1"; }
still_serving() {
  rm -f "$SRV_DIR/ok.txt"
  client 127.0.0.1 send "$T_TMP/ok.txt" >/dev/null 2>&1 && [ -f "$SRV_DIR/ok.txt" ] \
    && pass "$1: the server still serves" || fail "$1: the server still serves"
}

# garbage: an HTTP request is not a frame type -> alert unexpected_message (0x0a)
out=$(raw garbage)
case $out in *"received 15000000010a"*) pass "garbage: alert unexpected_message";;
             *) fail "garbage: alert unexpected_message" "received 15000000010a" "$out";; esac
wait_log "$SRV_LOG" "bad frame header (type 0x47" && pass "garbage: logged" || fail "garbage: logged" "" "$(tail -2 "$SRV_LOG")"
still_serving garbage

# a ClientHello header announcing 2^31 bytes -> record_overflow (0x16) at once
out=$(raw bigheader)
case $out in *"received 150000000116"*) pass "2^31 length: alert record_overflow";;
             *) fail "2^31 length: alert record_overflow" "received 150000000116" "$out";; esac
wait_log "$SRV_LOG" "length 2147483648" && pass "2^31 length: logged" || fail "2^31 length: logged"
still_serving bigheader

# a ClientHello in 1-byte writes is reassembled: the ServerHello (type 02) comes back
out=$(raw slowhello)
case $out in *"received 02"*) pass "1-byte writes: ServerHello received";;
             *) fail "1-byte writes: ServerHello received" "received 02..." "$out";; esac

# idle: after --timeout 2 the server sends alert timeout (0x5a) and closes
out=$(raw idle)
case $out in *"received 15000000015a"*) pass "idle: alert timeout";;
             *) fail "idle: alert timeout" "received 15000000015a" "$out";; esac
wait_log "$SRV_LOG" "timed out before the handshake" && pass "idle: logged" || fail "idle: logged" "timed out before the handshake" "$(tail -2 "$SRV_LOG")"
still_serving idle

# path traversal: the name is refused, nothing written anywhere
mkdir -p "$T_TMP/hostile/etc"
for name in ../../etc/passwd ../escape .hidden "a/b" "$(printf 'bell\a')"; do
  if out=$(client 127.0.0.1 send --as "$name" "$T_TMP/ok.txt" 2>&1); then
    fail "name '$name' refused" "exit 1" "$out"
  else
    case $out in *"bad file name"*) pass "name '$name' refused";; *) fail "name '$name' refused" "bad file name" "$out";; esac
  fi
done
[ ! -e "$T_TMP/hostile/etc/passwd" ] && [ ! -e "$T_TMP/hostile/escape" ] && [ ! -e "$SRV_DIR/.hidden" ] \
  && pass "traversal: nothing written outside" || fail "traversal: nothing written outside"
if out=$(client 127.0.0.1 get ../../etc/passwd -o "$T_TMP/pw" 2>&1); then fail "get ../../etc/passwd refused" "exit 1" "$out"
else [ ! -e "$T_TMP/pw" ] && pass "get ../../etc/passwd refused" || fail "get ../../etc/passwd refused"; fi
still_serving traversal
kill -0 "$SRV_PID" 2>/dev/null && pass "server alive at the end" || fail "server alive at the end"
finish
