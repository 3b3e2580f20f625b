#!/usr/bin/env bash
# 53-net-concurrency: 200 clients at once, each sending its own file; every
# file arrives with its SHA-256; the server stays within --max-clients.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netlib.sh"
N=200
net_key
start_server conc --max-clients 256 --max-per-address 256
mkdir -p "$T_TMP/src"
for i in $(seq $N); do head -c $((1000 + i * 97)) /dev/urandom > "$T_TMP/src/c$i"; done
pids=()
for i in $(seq $N); do
  client 127.0.0.1 send "$T_TMP/src/c$i" > "$T_TMP/src/c$i.out" 2>&1 &
  pids+=($!)
done
bad=0
for p in "${pids[@]}"; do wait "$p" || bad=$((bad + 1)); done
expect_eq "$N concurrent clients exit 0" 0 "$bad"
ok=0
for i in $(seq $N); do
  [ "$(sha "$T_TMP/src/c$i")" = "$(sha "$SRV_DIR/c$i" 2>/dev/null)" ] && ok=$((ok + 1))
done
expect_eq "$N files stored with matching SHA-256" "$N" "$ok"
peak=$(sed -n 's/.*accepted (\([0-9]*\) active).*/\1/p' "$SRV_LOG" | sort -n | tail -1)
echo "  (peak connections during the $N parallel sends: $peak)"
[ "${peak:-0}" -le 256 ] && pass "at most --max-clients at once" || fail "at most --max-clients at once" "<= 256" "$peak"

# truly simultaneous: N echo clients complete their handshakes, and only
# then (gated by named pipes) send their data
mkdir -p "$T_TMP/gate"
pids=()
for i in $(seq $N); do
  mkfifo "$T_TMP/gate/g$i"
  client 127.0.0.1 echo < <(cat "$T_TMP/gate/g$i") > "$T_TMP/gate/o$i" 2>&1 &
  pids+=($!)
done
for _ in $(seq 1200); do
  [ "$(grep -c 'handshake ok' "$SRV_LOG")" -ge $((2 * N)) ] && break
  sleep 0.05
done
now=$(sed -n 's/.*accepted (\([0-9]*\) active).*/\1/p' "$SRV_LOG" | sort -n | tail -1)
[ "$(grep -c 'handshake ok' "$SRV_LOG")" -ge $((2 * N)) ] && pass "$N handshakes completed at the same time (peak $now active)" \
  || fail "$N simultaneous handshakes" "$((2 * N)) handshake ok lines" "$(grep -c 'handshake ok' "$SRV_LOG")"
for i in $(seq $N); do echo "client $i says hello" > "$T_TMP/gate/g$i"; done
bad=0
for p in "${pids[@]}"; do wait "$p" || bad=$((bad + 1)); done
expect_eq "$N simultaneous echo clients exit 0" 0 "$bad"
ok=0
for i in $(seq $N); do [ "$(cat "$T_TMP/gate/o$i")" = "client $i says hello" ] && ok=$((ok + 1)); done
expect_eq "$N simultaneous echo clients get their own data back" "$N" "$ok"

# --max-clients is enforced: a server limited to 1 refuses a second connection
start_server limit --max-clients 1
mkfifo "$T_TMP/hold.in"
client 127.0.0.1 chat --name holder < "$T_TMP/hold.in" > /dev/null 2>&1 &
HOLD=$!
exec 3> "$T_TMP/hold.in"
wait_log "$SRV_LOG" "chat: holder joined" || fail "holder joins"
if client 127.0.0.1 ls > /dev/null 2>&1; then fail "second client refused at --max-clients 1"; else pass "second client refused at --max-clients 1"; fi
wait_log "$SRV_LOG" "refused: 1 connections open, the server is full" && pass "refusal logged" || fail "refusal logged" "refused: 1 connections open" "$(tail -3 "$SRV_LOG")"
exec 3>&-
wait "$HOLD"
finish
