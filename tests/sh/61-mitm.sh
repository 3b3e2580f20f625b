#!/usr/bin/env bash
# tests/sh/61-mitm.sh -- the man-in-the-middle lab (docs/labs/mitm.md):
# bin/cryptolab-mitm between bin/cryptolab-client and bin/cryptolab-server.
#   1. client --insecure: the attack succeeds, the proxy prints the file;
#   2. client --accept-new, first contact: the attack succeeds (the proxy's
#      key is what gets remembered), the proxy prints the chat line;
#   3. client --pin with the real key: refused before any secret is sent;
#   4. client with a known_hosts entry holding the real key: refused too;
# and the Python client (if PyCryptodome is there) in cases 1 and 3.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/netlab.sh"

for b in cryptolab-server cryptolab-client cryptolab-mitm; do
  if [ ! -x "bin/$b" ]; then skip "mitm lab" "bin/$b not built"; finish; exit $?; fi
done
nl_start_server "$T_TMP/srv" || { fail "server started" "listening line" "$(cat "$NL_SRV_LOG")"; finish; exit $?; }
nl_start_mitm "$NL_SRV_PORT" || { fail "mitm started" "our key line" "$(cat "$NL_MITM_LOG")"; finish; exit $?; }
M=$NL_MITM_PORT
if [ "$NL_MITM_FP" != "$NL_SRV_FP" ]; then pass "the proxy has its own key"; else fail "proxy key differs" "!= $NL_SRV_FP" "$NL_MITM_FP"; fi

printf 'the launch code is 0000\n' > "$T_TMP/plans.txt"
# Waits until the proxy has logged N "session over"/"refused" lines: the proxy
# logs asynchronously, so we synchronise on its log, not on time.
# An exit status check that shows the program's output when it fails.
expect_rc() { if [ "$3" -eq "$2" ]; then pass "$1"; else fail "$1" "exit $2" "exit $3: $(cat "$4")"; fi; }
mitm_events() { grep -cE 'session over|refused our key|handshake failed' "$NL_MITM_LOG"; }
wait_events() { local i; for ((i = 0; i < 300; i++)); do [ "$(mitm_events)" -ge "$1" ] && return 0; sleep 0.1; done; return 1; }

# --- 1. --insecure --------------------------------------------------------------
bin/cryptolab-client -p "$M" --insecure 127.0.0.1 send "$T_TMP/plans.txt" > "$T_TMP/c1.out" 2>&1
expect_rc "--insecure through the proxy: client thinks all is well (exit 0)" 0 $? "$T_TMP/c1.out"
wait_events 1
if grep -q 'DATA 24 bytes "the launch code is 0000\\n"' "$NL_MITM_LOG"; then pass "--insecure: the proxy read the file"
else fail "--insecure: the proxy read the file" 'DATA 24 bytes "the launch code is 0000\n"' "$(grep DATA "$NL_MITM_LOG")"; fi
if cmp -s "$T_TMP/plans.txt" "$T_TMP/srv/plans.txt"; then pass "--insecure: the file still reached the server (the victim notices nothing)"
else fail "--insecure: file relayed to the server" "identical file" "$(ls "$T_TMP/srv")"; fi
if grep -q 'WARNING' "$T_TMP/c1.out"; then pass "--insecure: the client warns on every run"
else fail "--insecure warning" "WARNING ..." "$(cat "$T_TMP/c1.out")"; fi

# --- 2. first contact, --accept-new --------------------------------------------------
KH="$T_TMP/known_hosts"
echo "meet me at noon" | bin/cryptolab-client -p "$M" --known-hosts "$KH" --accept-new 127.0.0.1 chat --name alice \
  > "$T_TMP/c2.out" 2>&1
expect_rc "--accept-new first contact through the proxy: exit 0" 0 $? "$T_TMP/c2.out"
wait_events 2
if grep -q 'CHAT_SAY "meet me at noon"' "$NL_MITM_LOG"; then pass "--accept-new: the proxy read the chat line"
else fail "--accept-new: the proxy read the chat line" 'CHAT_SAY "meet me at noon"' "$(grep CHAT "$NL_MITM_LOG")"; fi
expect_eq "--accept-new: the PROXY's key was remembered (trust on first use)" "127.0.0.1:$M $NL_MITM_FP" "$(grep -v '^#' "$KH")"

# --- 3. pinned key -------------------------------------------------------------
n_data=$(grep -c ' -> server: ' "$NL_MITM_LOG")
bin/cryptolab-client -p "$M" --pin "$NL_SRV_FP" 127.0.0.1 send "$T_TMP/plans.txt" > "$T_TMP/c3.out" 2>&1
rc=$?
if [ "$rc" -ne 0 ]; then pass "--pin: the client refuses (exit $rc)"; else fail "--pin: client refuses" "exit != 0" 0; fi
if grep -q 'WARNING' "$T_TMP/c3.out" && grep -q "$NL_MITM_FP" "$T_TMP/c3.out" && grep -q 'No secret was sent' "$T_TMP/c3.out"; then
  pass "--pin: unmistakable warning naming the presented key, no secret sent"
else fail "--pin: warning" "WARNING ... $NL_MITM_FP ... No secret was sent" "$(cat "$T_TMP/c3.out")"; fi
wait_events 3
if tail -2 "$NL_MITM_LOG" | grep -q 'refused our key (alert unknown_server_key): attack failed'; then pass "--pin: the proxy sees the attack fail"
else fail "--pin: proxy log" "refused our key (alert unknown_server_key)" "$(tail -3 "$NL_MITM_LOG")"; fi
expect_eq "--pin: nothing relayed" "$n_data" "$(grep -c ' -> server: ' "$NL_MITM_LOG")"

# --- 4. known host ---------------------------------------------------------------
KH2="$T_TMP/known_hosts2"
echo "127.0.0.1:$M $NL_SRV_FP" > "$KH2"
bin/cryptolab-client -p "$M" --known-hosts "$KH2" 127.0.0.1 send "$T_TMP/plans.txt" > "$T_TMP/c4.out" 2>&1 </dev/null
rc=$?
if [ "$rc" -ne 0 ]; then pass "known host: the client refuses (exit $rc)"; else fail "known host: client refuses" "exit != 0" 0; fi
if grep -q 'WARNING' "$T_TMP/c4.out" && grep -q "$NL_MITM_FP" "$T_TMP/c4.out"; then pass "known host: warning naming the presented key"
else fail "known host: warning" "WARNING ... $NL_MITM_FP" "$(cat "$T_TMP/c4.out")"; fi
wait_events 4
if tail -2 "$NL_MITM_LOG" | grep -q 'refused our key'; then pass "known host: the proxy sees the attack fail"
else fail "known host: proxy log" "refused our key" "$(tail -3 "$NL_MITM_LOG")"; fi
expect_eq "known host: nothing relayed" "$n_data" "$(grep -c ' -> server: ' "$NL_MITM_LOG")"
expect_eq "known_hosts file unchanged" "127.0.0.1:$M $NL_SRV_FP" "$(cat "$KH2")"

# Control: the same pinned client straight to the server works.
bin/cryptolab-client -p "$NL_SRV_PORT" --pin "$NL_SRV_FP" 127.0.0.1 send --overwrite "$T_TMP/plans.txt" > "$T_TMP/c5.out" 2>&1
expect_rc "control: pinned client direct to the server succeeds" 0 $? "$T_TMP/c5.out"

# --- the Python client meets the same proxy --------------------------------------------
if nl_python; then
  "$NL_PY" demo/python/cryptolab_client.py -p "$M" --insecure 127.0.0.1 send --overwrite "$T_TMP/plans.txt" > "$T_TMP/p1.out" 2>&1
  expect_rc "python --insecure through the proxy: exit 0" 0 $? "$T_TMP/p1.out"
  wait_events 5
  expect_eq "python --insecure: the proxy read the file again" 2 "$(grep -c 'DATA 24 bytes "the launch code' "$NL_MITM_LOG")"
  "$NL_PY" demo/python/cryptolab_client.py -p "$M" --pin "$NL_SRV_FP" 127.0.0.1 send "$T_TMP/plans.txt" > "$T_TMP/p2.out" 2>&1
  rc=$?
  if [ "$rc" -ne 0 ] && grep -q 'MISMATCH' "$T_TMP/p2.out"; then pass "python --pin: refused with a warning"
  else fail "python --pin: refused" "exit != 0 and WARNING ... MISMATCH" "exit $rc: $(cat "$T_TMP/p2.out")"; fi
  wait_events 6
  if tail -2 "$NL_MITM_LOG" | grep -q 'refused our key'; then pass "python --pin: the proxy sees the attack fail"
  else fail "python --pin: proxy log" "refused our key" "$(tail -3 "$NL_MITM_LOG")"; fi
else
  skip "python client vs proxy" "no python3 with PyCryptodome (python3-pycryptodome)"
fi

# Under SAN=1 a sanitizer report in the proxy's output is a failure.
if grep -qE 'AddressSanitizer|runtime error|LeakSanitizer' "$NL_MITM_LOG"; then
  fail "proxy ran clean" "no sanitizer report" "$(grep -E 'Sanitizer|runtime error' "$NL_MITM_LOG" | head -3)"
else pass "proxy ran clean (no sanitizer report in its output)"; fi

finish
