#!/usr/bin/env bash
# 55-net-limits: no address can lock the others out (issue 12, item 2).
# Connections held from 127.0.0.2..127.0.0.9 stop at --max-per-address
# each; the next one from that address reads alert server_busy, a client
# from 127.0.0.1 still gets through; a full server says server_busy instead
# of cutting the connection; the handshake deadline (shorter than the idle
# timeout) ends idle and one-byte-at-a-time handshakes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netlib.sh"
if ! have python3; then skip "limit tests" "python3 not installed"; finish; exit; fi
H="$TOP/tests/sh/nethostile.py"
net_key
start_server limits --max-clients 40 --max-per-address 5 --handshake-timeout 2 --timeout 20
echo "probe" > "$T_TMP/probe.txt"

# hold KIND SRC N: N connections of KIND from SRC kept open until release;
# waits until the helper has reported on all N (no sleeps: its own lines).
HOLDS=()
hold() {
  HOLD_N=$((${HOLD_N:-0} + 1))
  local out="$T_TMP/hold.$HOLD_N.$2.$1" fifo="$T_TMP/hold.$HOLD_N.in"
  mkfifo "$fifo"
  python3 "$H" hold "$SRV_PORT" "$2" "$3" "$1" < "$fifo" > "$out" 2>&1 &
  NET_PIDS+=("$!")
  local fd
  exec {fd}> "$fifo"
  HOLDS+=("$fd")
  wait_log "$out" "^held " || fail "holder $1 from $2 reports" "held N" "$(tail -2 "$out")"
  HOLD_OUT=$out
}
release_all() { local fd; for fd in "${HOLDS[@]}"; do exec {fd}>&-; done; HOLDS=(); }

# 1. one address holds its 5 slots; its 6th and 7th are refused with server_busy
hold idle 127.0.0.2 7
expect_eq "127.0.0.2: 5 idle connections held" "held 5" "$(tail -1 "$HOLD_OUT")"
expect_eq "127.0.0.2: 6th and 7th refused with alert server_busy" 2 "$(grep -c 'alert server_busy' "$HOLD_OUT")"
wait_log "$SRV_LOG" "refused: 5 connections from this address already" && pass "per-address refusal logged" \
  || fail "per-address refusal logged" "refused: 5 connections from this address" "$(grep refused "$SRV_LOG" | tail -1)"
# ... and does not stop another address
rm -f "$SRV_DIR/probe.txt"
out=$(client 127.0.0.1 send "$T_TMP/probe.txt" 2>&1) && [ -f "$SRV_DIR/probe.txt" ] \
  && pass "127.0.0.1 served while 127.0.0.2 holds all its slots" || fail "127.0.0.1 served" "stored" "$out"

# 2. slowloris, one-byte and garbage holders from other addresses: the same limit each
hold slowloris 127.0.0.3 6
expect_eq "127.0.0.3 (slowloris): 5 held, 1 refused" "1 held 5" "$(grep -c 'server_busy' "$HOLD_OUT") $(tail -1 "$HOLD_OUT")"
hold onebyte 127.0.0.4 6
expect_eq "127.0.0.4 (1-byte writers): 5 held, 1 refused" "1 held 5" "$(grep -c 'server_busy' "$HOLD_OUT") $(tail -1 "$HOLD_OUT")"
out=$(client 127.0.0.1 ls 2>&1) && pass "127.0.0.1 ls while 127.0.0.3 and 127.0.0.4 hold their slots" \
  || fail "127.0.0.1 ls while 127.0.0.3 and 127.0.0.4 hold their slots" "exit 0" "$out"

# 3. the handshake deadline (2 s) ends the slowloris and one-byte handshakes,
#    long before the idle timeout (20 s): alert timeout, logged
wait_log "$SRV_LOG" "timed out before the handshake" && pass "idle connection: alert timeout at the handshake deadline" \
  || fail "idle: handshake deadline" "timed out before the handshake" "$(tail -3 "$SRV_LOG")"
n=0
for _ in $(seq "$NET_TRIES"); do
  n=$(grep -c "handshake failed: timed out" "$SRV_LOG"); [ "$n" -ge 10 ] && break; sleep 0.05
done
[ "$n" -ge 10 ] && pass "10 slow handshakes ended by the handshake deadline" \
  || fail "slow handshakes ended by the handshake deadline" ">= 10 'handshake failed: timed out'" "$n"
release_all

# 4. a full server: 40 slots taken by 8 addresses x 5; the next client, from
#    yet another address, is told server_busy (not "ended without an orderly close")
start_server full --max-clients 40 --max-per-address 5 --handshake-timeout 20 --timeout 20
for i in 2 3 4 5 6 7 8 9; do hold idle "127.0.0.$i" 5; done
out=$(client 127.0.0.1 ls 2>&1)
case $out in *"server_busy"*) pass "full server: the refused client reads alert server_busy";;
             *) fail "full server: the refused client reads alert server_busy" "...server_busy..." "$out";; esac
wait_log "$SRV_LOG" "refused: 40 connections open, the server is full" && pass "full server: refusal logged" \
  || fail "full server: refusal logged"
release_all
# the holders have closed: the slots are free again
for _ in $(seq "$NET_TRIES"); do client 127.0.0.1 ls > /dev/null 2>&1 && break; sleep 0.05; done
out=$(client 127.0.0.1 ls 2>&1) && pass "served again once the holders are gone" || fail "served again" "exit 0" "$out"
kill -0 "$SRV_PID" 2>/dev/null && pass "server alive at the end" || fail "server alive at the end"
finish
