#!/usr/bin/env bash
# 54-net-trust: the client checks the server key before sending any secret:
# wrong pin, changed known-hosts key, unknown host without --accept-new all
# abort (the server sees alert unknown_server_key, never a KeyExchange);
# --accept-new remembers the key; bad option combinations are refused.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netlib.sh"
net_key
start_server trust
C() { "$CLIENT" -p "$SRV_PORT" "$@"; }
KH="$T_TMP/kh"
WRONG="SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

# refused [NAME] [EXPECT-IN-OUTPUT] -- CLIENT-ARGS...
refused() {
  local name=$1 want=$2; shift 3
  local before after
  before=$(grep -c "unknown_server_key" "$SRV_LOG")
  if out=$(C "$@" < /dev/null 2>&1); then fail "$name: refused" "exit 1" "$out"; return; fi
  case $out in *"$want"*) pass "$name: refused with a warning";; *) fail "$name: warning" "$want" "$out";; esac
  case $out in *"No secret was sent"*) pass "$name: says no secret was sent";; *) fail "$name: no secret" "No secret was sent" "$out";; esac
  for _ in $(seq "$NET_TRIES"); do after=$(grep -c "unknown_server_key" "$SRV_LOG"); [ "$after" -gt "$before" ] && break; sleep 0.05; done
  [ "$after" -gt "$before" ] && pass "$name: server saw alert unknown_server_key before any KeyExchange" \
    || fail "$name: server saw unknown_server_key" "" "$(tail -2 "$SRV_LOG")"
}

refused "wrong pin" "DOES NOT MATCH THE PIN" -- --pin "$WRONG" 127.0.0.1 ls
refused "unknown host" "--accept-new" -- --known-hosts "$KH" 127.0.0.1 ls
[ ! -e "$KH" ] && pass "unknown host: nothing added without --accept-new" || fail "unknown host: nothing added"

if C --known-hosts "$KH" --accept-new 127.0.0.1 ls > /dev/null 2> "$T_TMP/an.err"; then pass "--accept-new connects"; else fail "--accept-new connects" "" "$(cat "$T_TMP/an.err")"; fi
expect_eq "--accept-new records HOST:PORT FP" "127.0.0.1:$SRV_PORT $SRV_FP" "$(cat "$KH" 2>/dev/null)"
expect_eq "known_hosts mode" "600" "$(stat -c %a "$KH" 2>/dev/null)"
if C --known-hosts "$KH" 127.0.0.1 ls > /dev/null 2>&1 < /dev/null; then pass "known host accepted without --accept-new"; else fail "known host accepted"; fi

# default file ~/.cryptolab/known_hosts
if C --accept-new 127.0.0.1 ls > /dev/null 2>&1; then pass "default known_hosts: --accept-new"; else fail "default known_hosts: --accept-new"; fi
grep -q "^127.0.0.1:$SRV_PORT $SRV_FP\$" "$HOME/.cryptolab/known_hosts" 2>/dev/null && pass "default known_hosts written" || fail "default known_hosts written"

# the key changed (an attacker, or a new key): refused even with --accept-new
echo "127.0.0.1:$SRV_PORT $WRONG" > "$KH"
refused "changed key" "SERVER KEY HAS CHANGED" -- --known-hosts "$KH" 127.0.0.1 ls
refused "changed key with --accept-new" "SERVER KEY HAS CHANGED" -- --known-hosts "$KH" --accept-new 127.0.0.1 ls

# interactive trust on first use, on a pseudo-terminal (script(1))
if have script; then
  KT="$T_TMP/kh-tty"
  printf 'no\n' | script -qec "$CLIENT -p $SRV_PORT --known-hosts $KT 127.0.0.1 ls" /dev/null > "$T_TMP/tty1" 2>&1 \
    && fail "terminal: 'no' refuses" || pass "terminal: 'no' refuses"
  grep -q "Are you sure you want to continue connecting" "$T_TMP/tty1" && pass "terminal: the question is asked" || fail "terminal: question asked" "" "$(cat "$T_TMP/tty1")"
  [ ! -e "$KT" ] && pass "terminal: 'no' adds nothing" || fail "terminal: 'no' adds nothing"
  printf 'yes\n' | script -qec "$CLIENT -p $SRV_PORT --known-hosts $KT 127.0.0.1 ls" /dev/null > "$T_TMP/tty2" 2>&1 \
    && pass "terminal: 'yes' connects" || fail "terminal: 'yes' connects" "" "$(cat "$T_TMP/tty2")"
  expect_eq "terminal: 'yes' remembers the key" "127.0.0.1:$SRV_PORT $SRV_FP" "$(cat "$KT" 2>/dev/null)"
else
  skip "interactive trust on first use" "script(1) not installed"
fi

# two (here four) clients accepting new hosts at the same moment, into one
# known_hosts: no line lost, none torn or repeated.  The clients wait on a
# FIFO gate, released together when the test writes one line per client
# (the test holds the FIFO open read-write, so a client that comes late
# still finds its line: no one waits for ever); five rounds.
PORTS=("$SRV_PORT")
for n in 2 3 4; do start_server "trust$n"; PORTS+=("$SRV_PORT"); done
KC="$T_TMP/kh-concurrent"
for round in 1 2 3 4 5; do
  printf '# a comment without its newline' > "$KC"
  mkfifo "$T_TMP/gate.$round"
  exec {gate}<> "$T_TMP/gate.$round"
  pids=()
  for p in "${PORTS[@]}"; do
    ( read -r -t 60 _ < "$T_TMP/gate.$round"
      exec "$CLIENT" -p "$p" --known-hosts "$KC" --accept-new 127.0.0.1 ls > /dev/null 2>&1 ) &
    pids+=("$!")
  done
  for p in "${PORTS[@]}"; do echo go; done >&"$gate"       # opens the gate for all at once
  ok=0; for pid in "${pids[@]}"; do wait "$pid" && ok=$((ok + 1)); done
  exec {gate}>&-
  want=$(printf '# a comment without its newline\n'; for p in "${PORTS[@]}"; do printf '127.0.0.1:%s %s\n' "$p" "$SRV_FP"; done | sort)
  got=$(head -1 "$KC"; tail -n +2 "$KC" | sort)
  if [ "$ok" = "${#PORTS[@]}" ] && [ "$got" = "$want" ]; then pass "concurrent --accept-new, round $round: every line, once, whole"
  else fail "concurrent --accept-new, round $round ($ok of ${#PORTS[@]} clients ok)" "$want" "$got"; fi
done

# correct pin works; malformed pins and contradictory options are refused up front
if C --pin "$SRV_FP" 127.0.0.1 ls > /dev/null 2>&1; then pass "right pin accepted"; else fail "right pin accepted"; fi
for bad in "SHA256:short" "MD5:abc" "$SRV_FP=" ; do
  C --pin "$bad" 127.0.0.1 ls > /dev/null 2>&1 && fail "malformed pin '$bad' refused" || pass "malformed pin '$bad' refused"
done
C --pin "$SRV_FP" --insecure 127.0.0.1 ls > /dev/null 2>&1 && fail "--pin with --insecure refused" || pass "--pin with --insecure refused"
C --insecure --accept-new 127.0.0.1 ls > /dev/null 2>&1 && fail "--insecure with --accept-new refused" || pass "--insecure with --accept-new refused"
finish
