#!/usr/bin/env bash
# tests/sh/62-python-peer.sh -- the Python peer (demo/python/) interoperates
# with the C programs, and reproduces the known-answer transcript:
#   1. tests/sh/pykat.py: the Python code regenerates the client frames of
#      docs/protocol.md §12.1 (CTR) and §12.2 (GCM) byte for byte and derives
#      the same keys;
#   2. Python client -> C server: files of 0, 1, 16383, 16384, 16385 and
#      100000 bytes, get, ls, echo, a chat line received by a C chat client,
#      a bad name refused, a wrong pin refused before any secret; the default
#      suite is GCM (02), --suite ctr gives 01;
#   3. C client -> Python server (cryptolab_server.py): send, get, ls, echo,
#      a chat line, a wrong pin refused; both suites.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/netlab.sh"

if ! nl_python; then
  skip "python peer" "no python3 with PyCryptodome (Debian: python3-pycryptodome; pip: pycryptodome)"
  finish; exit $?
fi
echo "  (python: $NL_PY, $("$NL_PY" -c 'import sys; print(sys.version.split()[0])'))"
PYC="$NL_PY $TOP/demo/python/cryptolab_client.py"

# --- 1. known-answer transcript ------------------------------------------------
# §12.1 (suite 0x01), §12.2 (suite 0x02, GCM), §12.3 (version 2, AUTH).
out=$("$NL_PY" tests/sh/pykat.py --section all docs/protocol.md 2>&1)
line=$(printf '%s\n' "$out" | tail -1)
case "$line" in
  "pykat: "*" passed, 0 failed") pass "python vs the known-answer transcripts (${line#pykat: })";;
  *) fail "python vs the known-answer transcripts" "pykat: N passed, 0 failed" "$(printf '%s\n' "$out" | grep -A2 FAIL)";;
esac
expect_eq "pykat: the three transcripts (§12.1 CTR, §12.2 GCM, §12.3 authenticated) checked" 3 \
  "$(printf '%s\n' "$out" | grep -c 'ok   §12.[123]: client ECHO record regenerated')"

for b in cryptolab-server cryptolab-client; do
  if [ ! -x "bin/$b" ]; then skip "python vs C" "bin/$b not built"; finish; exit $?; fi
done

# --- 2. Python client -> C server --------------------------------------------------
nl_start_server "$T_TMP/srv" || { fail "C server started" "listening" "$(cat "$NL_SRV_LOG")"; finish; exit $?; }
P=$NL_SRV_PORT; FP=$NL_SRV_FP
mkdir -p "$T_TMP/up"
files=""
for n in 0 1 16383 16384 16385 100000; do
  head -c "$n" /dev/urandom > "$T_TMP/up/f$n.bin"
  files="$files $T_TMP/up/f$n.bin"
done
# shellcheck disable=SC2086
$PYC -p "$P" --pin "$FP" 127.0.0.1 send $files > "$T_TMP/p1.out" 2>&1
expect_eq "python send of 6 files: exit 0" 0 $?
for n in 0 1 16383 16384 16385 100000; do
  if cmp -s "$T_TMP/up/f$n.bin" "$T_TMP/srv/f$n.bin"; then pass "python -> C server: $n bytes stored intact"
  else fail "python -> C server: $n bytes" "$(sha256sum < "$T_TMP/up/f$n.bin")" "$(sha256sum < "$T_TMP/srv/f$n.bin" 2>&1)"; fi
done
expect_eq "python send: the server's confirmations" 6 "$(grep -c '^stored f' "$T_TMP/p1.out")"

head -c 50000 /dev/urandom > "$T_TMP/srv/download.bin"
(cd "$T_TMP" && $PYC -p "$P" --pin "$FP" 127.0.0.1 get download.bin -o got.bin) > "$T_TMP/p2.out" 2>&1
if cmp -s "$T_TMP/srv/download.bin" "$T_TMP/got.bin"; then pass "python get from the C server: 50000 bytes intact"
else fail "python get" "identical file" "$(cat "$T_TMP/p2.out")"; fi
$PYC -p "$P" --pin "$FP" 127.0.0.1 ls > "$T_TMP/p3.out" 2>&1
expect_eq "python ls lists the files with sizes" "100000  f100000.bin" \
  "$(grep 'f100000.bin' "$T_TMP/p3.out" | sed 's/^ *//')"
head -c 40000 /dev/urandom > "$T_TMP/echo.bin"
$PYC -p "$P" --pin "$FP" 127.0.0.1 echo < "$T_TMP/echo.bin" > "$T_TMP/echo.out" 2>"$T_TMP/p4.err"
if cmp -s "$T_TMP/echo.bin" "$T_TMP/echo.out"; then pass "python echo through the C server: 40000 bytes"
else fail "python echo" "40000 identical bytes" "$(wc -c < "$T_TMP/echo.out") bytes; $(cat "$T_TMP/p4.err")"; fi

# Chat: a C client listens (its stdin held open by a fifo), the Python client speaks.
mkfifo "$T_TMP/alice.in"
bin/cryptolab-client -p "$P" --pin "$FP" 127.0.0.1 chat --name alice < "$T_TMP/alice.in" > "$T_TMP/alice.out" 2>&1 &
ALICE=$!; NL_PIDS="$NL_PIDS $ALICE"
exec 3>"$T_TMP/alice.in"
nl_wait_for "$NL_SRV_LOG" 'chat: alice joined'
echo "hello from python" | $PYC -p "$P" --pin "$FP" 127.0.0.1 chat --name py > "$T_TMP/p5.out" 2>&1
nl_wait_for "$T_TMP/alice.out" '<py> hello from python' 100
expect_eq "C chat client received the Python client's line" "<py> hello from python" \
  "$(grep -o '<py> hello from python' "$T_TMP/alice.out")"
exec 3>&-
wait "$ALICE" 2>/dev/null

cp "$T_TMP/up/f1.bin" "$T_TMP/.hidden"
$PYC -p "$P" --pin "$FP" 127.0.0.1 send "$T_TMP/.hidden" > "$T_TMP/p6.out" 2>&1
rc=$?
if [ "$rc" -ne 0 ] && grep -q 'bad_name' "$T_TMP/p6.out" && [ ! -e "$T_TMP/srv/.hidden" ]; then
  pass "a name starting with '.' refused (RESULT bad_name), nothing stored"
else fail "bad name refused" "exit 1, bad_name" "exit $rc: $(cat "$T_TMP/p6.out")"; fi
$PYC -p "$P" --pin "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" 127.0.0.1 ls > "$T_TMP/p7.out" 2>&1
rc=$?
if [ "$rc" -ne 0 ] && grep -q 'MISMATCH' "$T_TMP/p7.out"; then pass "python client: wrong pin refused"
else fail "python wrong pin" "exit 1, MISMATCH" "exit $rc: $(cat "$T_TMP/p7.out")"; fi
nl_wait_for "$NL_SRV_LOG" 'unknown_server_key' 50
if grep -q 'unknown_server_key' "$NL_SRV_LOG"; then pass "C server saw alert unknown_server_key (no secret sent)"
else fail "C server log" "unknown_server_key" "$(tail -3 "$NL_SRV_LOG")"; fi
KL="$T_TMP/py.keylog"
CRYPTOLAB_KEYLOGFILE="$KL" $PYC -p "$P" --pin "$FP" 127.0.0.1 ls > /dev/null 2>&1
expect_eq "python key log line (§11 format)" 1 "$(grep -cE '^CRYPTOLAB_SECRET( [0-9a-f]{64}){4}$' "$KL")"
# Suites: the default offer 02 01 gets GCM from the C server; --suite ctr gets 01.
for s in "gcm,ctr 02" "ctr 01" "gcm 02"; do
  $PYC -v -p "$P" --pin "$FP" --suite "${s% *}" 127.0.0.1 echo < "$T_TMP/echo.bin" > "$T_TMP/echo.out" 2>"$T_TMP/p8.err"
  if cmp -s "$T_TMP/echo.bin" "$T_TMP/echo.out" && grep -q "suite ${s#* }\$" "$T_TMP/p8.err"; then
    pass "python --suite ${s% *}: suite ${s#* }, echo of 40000 bytes"
  else fail "python --suite ${s% *}" "suite ${s#* }, 40000 bytes" "$(wc -c < "$T_TMP/echo.out") bytes; $(cat "$T_TMP/p8.err")"; fi
done

# --- 3. C client -> Python server ---------------------------------------------------
nl_start_pyserver "$T_TMP/pysrv" || { fail "python server started" "server key line" "$(cat "$NL_PYS_LOG")"; finish; exit $?; }
Q=$NL_PYS_PORT; QFP=$NL_PYS_FP
bin/cryptolab-client -p "$Q" --pin "$QFP" 127.0.0.1 send "$T_TMP/up/f16385.bin" "$T_TMP/up/f0.bin" > "$T_TMP/c1.out" 2>&1
expect_eq "C client -> python server: send exit 0" 0 $?
if cmp -s "$T_TMP/up/f16385.bin" "$T_TMP/pysrv/f16385.bin" && cmp -s "$T_TMP/up/f0.bin" "$T_TMP/pysrv/f0.bin"; then
  pass "C client -> python server: files stored intact"
else fail "C -> python: files" "identical" "$(ls -l "$T_TMP/pysrv"; cat "$T_TMP/c1.out")"; fi
head -c 30000 /dev/urandom > "$T_TMP/pysrv/frompy.bin"
mkdir -p "$T_TMP/dl"
(cd "$T_TMP/dl" && "$TOP/bin/cryptolab-client" -p "$Q" --pin "$QFP" 127.0.0.1 get frompy.bin) > "$T_TMP/c2.out" 2>&1
if cmp -s "$T_TMP/pysrv/frompy.bin" "$T_TMP/dl/frompy.bin"; then pass "C client get from the python server: intact"
else fail "C get from python" "identical" "$(cat "$T_TMP/c2.out")"; fi
bin/cryptolab-client -p "$Q" --pin "$QFP" 127.0.0.1 ls > "$T_TMP/c3.out" 2>&1
expect_eq "C client ls on the python server" "30000  frompy.bin" "$(grep 'frompy.bin' "$T_TMP/c3.out" | sed 's/^ *//')"
bin/cryptolab-client -p "$Q" --pin "$QFP" 127.0.0.1 echo < "$T_TMP/echo.bin" > "$T_TMP/echo2.out" 2>"$T_TMP/c4.err"
if cmp -s "$T_TMP/echo.bin" "$T_TMP/echo2.out"; then pass "C client echo through the python server: 40000 bytes"
else fail "C echo via python" "40000 identical bytes" "$(wc -c < "$T_TMP/echo2.out") bytes; $(cat "$T_TMP/c4.err")"; fi
bin/cryptolab-client -p "$Q" --pin "$QFP" --suite ctr 127.0.0.1 echo < "$T_TMP/echo.bin" > "$T_TMP/echo3.out" 2>"$T_TMP/c4.err"
if cmp -s "$T_TMP/echo.bin" "$T_TMP/echo3.out"; then pass "C client --suite ctr echo through the python server: 40000 bytes"
else fail "C --suite ctr echo via python" "40000 identical bytes" "$(wc -c < "$T_TMP/echo3.out") bytes; $(cat "$T_TMP/c4.err")"; fi
echo "hello from C" | bin/cryptolab-client -p "$Q" --pin "$QFP" 127.0.0.1 chat --name cc > "$T_TMP/c5.out" 2>&1
nl_wait_for "$NL_PYS_LOG" 'chat <cc> hello from C' 50
expect_eq "python server received the C client's chat line" "chat <cc> hello from C" \
  "$(grep -o 'chat <cc> hello from C' "$NL_PYS_LOG")"
bin/cryptolab-client -p "$Q" --pin "$NL_SRV_FP" 127.0.0.1 ls > "$T_TMP/c6.out" 2>&1
rc=$?
if [ "$rc" -ne 0 ] && grep -q 'WARNING' "$T_TMP/c6.out"; then pass "C client: python server with another key refused"
else fail "C client wrong pin vs python server" "exit 1, WARNING" "exit $rc: $(cat "$T_TMP/c6.out")"; fi

finish
