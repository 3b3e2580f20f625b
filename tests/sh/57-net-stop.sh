#!/usr/bin/env bash
# 57-net-stop: nothing half-written, ever (issue 12, item 3).
#   - at start the server removes stale temporaries of its own naming (logged);
#   - kill -9 during an upload leaves a temporary: the next start removes it;
#   - SIGTERM / SIGINT during an upload: the transfer is aborted, its
#     temporary removed, every session gets close_notify, exit status 0,
#     "server: stopped";
#   - SIGTERM to a client during a download removes its temporary;
#   - a download cut in the middle, or an upload during which the server
#     stops: the C client says so in one line and stores nothing;
#   - a FIFO, a symlink and a socket in the served directory are neither
#     listed nor opened (get answers at once: not_found);
#   - known_hosts whose last line has no newline: --accept-new adds a line
#     of its own, both hosts stay known; the file keeps its mode.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netlib.sh"
H="$TOP/tests/sh/nethostile.py"
net_key
no_temporaries() {   # no temporary of ours left in DIR
  local left
  left=$(cd "$1" && ls -A | grep -E '^\..*\.tmp[0-9a-f]{16}$|^\.cl-tmp-' | tr '\n' ' ')
  expect_eq "$2: no temporary left in $(basename "$1")" "" "$left"
}

# 1. stale temporaries of ours are removed at start; other dot files are not
mkdir -p "$T_TMP/stale/files"
: > "$T_TMP/stale/files/.report.pdf.tmp0123456789abcdef"
: > "$T_TMP/stale/files/.cl-tmp-AbC123"
: > "$T_TMP/stale/files/.not-ours"
start_server stale
wait_log "$SRV_LOG" "removed 2 stale temporary file(s)" && pass "stale temporaries removed at start (logged)" \
  || fail "stale temporaries removed at start" "removed 2 stale temporary file(s)" "$(head -3 "$SRV_LOG")"
no_temporaries "$SRV_DIR" "start"
[ -e "$SRV_DIR/.not-ours" ] && pass "a dot file that is not ours is kept" || fail "a dot file that is not ours is kept"

# 2. non-regular files: never listed, never opened (no hang on the FIFO)
echo data > "$SRV_DIR/plain.txt"
mkfifo "$SRV_DIR/pipe"
ln -s plain.txt "$SRV_DIR/link"
python3 -c "import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])" "$SRV_DIR/sock" 2>/dev/null
out=$(client 127.0.0.1 ls 2>&1)
expect_eq "ls lists only the regular file" "plain.txt" "$(printf '%s\n' "$out" | awk '{print $2}' | tr '\n' ' ' | sed 's/ $//')"
for n in pipe link sock; do
  [ -e "$SRV_DIR/$n" ] || [ -L "$SRV_DIR/$n" ] || { skip "get $n" "could not create it"; continue; }
  out=$(timeout 20 "$CLIENT" -p "$SRV_PORT" --pin "$SRV_FP" 127.0.0.1 get "$n" -o "$T_TMP/got.$n" 2>&1); rc=$?
  case "$rc:$out" in 1:*"no such file"*) pass "get $n: not_found at once";; *) fail "get $n: not_found at once" "exit 1, no such file" "exit $rc: $out";; esac
done
out=$(client 127.0.0.1 get plain.txt -o "$T_TMP/plain.copy" 2>&1) && pass "the server still serves after the FIFO" \
  || fail "the server still serves after the FIFO" "exit 0" "$out"

# 3. a client killed during a download leaves no temporary: the server is
#    paused (SIGSTOP) once it has announced the file, the client waits in
#    the middle of the transfer, SIGTERM to the client removes its temporary
head -c $((64 * 1024 * 1024)) /dev/zero > "$SRV_DIR/big.bin"     # more than the socket buffers hold
mkdir -p "$T_TMP/dl"
"$CLIENT" -p "$SRV_PORT" --pin "$SRV_FP" 127.0.0.1 get big.bin -o "$T_TMP/dl/big.bin" > "$T_TMP/dl.out" 2>&1 &
GETTER=$!
wait_log "$SRV_LOG" "sending big.bin" && kill -STOP "$SRV_PID"
tmp=
for _ in $(seq "$NET_TRIES"); do tmp=$(ls -A "$T_TMP/dl" | grep '\.tmp'); [ -n "$tmp" ] && break; sleep 0.05; done
[ -n "$tmp" ] && pass "the client writes a temporary during the download ($tmp)" || fail "client temporary seen"
kill -TERM "$GETTER"; wait "$GETTER"; rc=$?
kill -CONT "$SRV_PID"
expect_eq "client killed by SIGTERM" 143 "$rc"
expect_eq "its temporary is removed, nothing stored" "" "$(ls -A "$T_TMP/dl")"

# 3b. a download cut in the middle (a proxy closes both sides after the
#     server's 20th record): one line saying so, exit 1, nothing stored
if have python3; then
  start_proxy cut-s2c 20
  mkdir -p "$T_TMP/dlcut"
  out=$(timeout 60 "$CLIENT" -p "$PROXY_PORT" --pin "$SRV_FP" 127.0.0.1 get big.bin -o "$T_TMP/dlcut/big.bin" 2>&1); rc=$?
  case "$rc:$out" in
    "1:cryptolab-client get: big.bin: the download was cut: "*": nothing stored")
      pass "download cut: one line, exit 1";;
    *) fail "download cut: one line, exit 1" "1:cryptolab-client get: big.bin: the download was cut: ...: nothing stored" "$rc:$out";;
  esac
  expect_eq "download cut: nothing stored, no temporary" "" "$(ls -A "$T_TMP/dlcut")"
  wait "$PROXY_PID" 2>/dev/null
else
  skip "download cut in the middle" "python3 not installed (the proxy)"
fi

# 4. SIGTERM during an upload: aborted, temporary removed, close_notify, exit 0
if net_pycrypto; then
  mkfifo "$T_TMP/up.in"
  "$NET_PY" "$H" upload "$SRV_PORT" "$SRV_FP" upload.bin 50000000 2000000 < "$T_TMP/up.in" > "$T_TMP/up.out" 2>&1 &
  UP=$!
  exec {UPFD}> "$T_TMP/up.in"
  wait_log "$T_TMP/up.out" "^sent " || fail "uploader sent its first 2 MB" "sent 2000000" "$(cat "$T_TMP/up.out")"
  wait_log "$SRV_LOG" "receiving upload.bin" || fail "server receiving"
  ls -A "$SRV_DIR" | grep -q '^\.upload\.bin\.tmp' && pass "the upload is in a temporary" || fail "the upload is in a temporary"
  # a chat member too: it must get close_notify
  mkfifo "$T_TMP/chat.in"
  client 127.0.0.1 chat --name member < "$T_TMP/chat.in" > "$T_TMP/chat.out" 2>&1 &
  CHATTER=$!
  exec {CFD}> "$T_TMP/chat.in"
  wait_log "$SRV_LOG" "chat: member joined" || fail "member joins"
  kill -TERM "$SRV_PID"; wait "$SRV_PID"; rc=$?
  expect_eq "SIGTERM: the server exits with status 0" 0 "$rc"
  wait_log "$SRV_LOG" "server: stopped"     # the log is drained by a reader of its own
  grep -q "server: stopping (SIGTERM): 2 connection(s) open" "$SRV_LOG" && pass "SIGTERM: logged, with the open connections" \
    || fail "SIGTERM logged" "server: stopping (SIGTERM): 2 connection(s) open" "$(grep stopping "$SRV_LOG")"
  grep -q "transfer of upload.bin aborted, nothing stored: the server is stopping" "$SRV_LOG" \
    && pass "SIGTERM: the upload is aborted" || fail "SIGTERM: the upload is aborted" "" "$(grep upload.bin "$SRV_LOG")"
  expect_eq "SIGTERM: both sessions sent close_notify" 2 "$(grep -c 'server stopping: sent close_notify' "$SRV_LOG")"
  grep -q "server: stopped" "$SRV_LOG" && pass "SIGTERM: 'server: stopped'" || fail "SIGTERM: 'server: stopped'"
  no_temporaries "$SRV_DIR" "SIGTERM"
  [ ! -e "$SRV_DIR/upload.bin" ] && pass "SIGTERM: nothing stored" || fail "SIGTERM: nothing stored"
  exec {UPFD}>&-; wait "$UP"
  expect_eq "the uploader got close_notify" "ended: close_notify" "$(tail -1 "$T_TMP/up.out")"
  wait "$CHATTER"; rc=$?
  expect_eq "the chat member ends normally (close_notify)" "0" "$rc"
  grep -q "the server closed the chat" "$T_TMP/chat.out" && pass "the chat member is told the server closed the chat" \
    || fail "chat member told" "the server closed the chat" "$(cat "$T_TMP/chat.out")"
  exec {CFD}>&-
else
  skip "SIGTERM during an upload" "no python3 with PyCryptodome (the slow uploader is the Python peer)"
fi

# 4b. the same with the C client: it reports what the server said (its
#     close_notify), not a socket error.  A proxy relays the first 20 records
#     of the upload and then reads no more, so the client is certainly in the
#     middle of it (its sends block) when the server stops; what the server
#     sends is still relayed, and its close reaches the client as a reset.
if have python3; then
  start_server cstop
  head -c $((64 * 1024 * 1024)) /dev/zero > "$T_TMP/up2.bin"
  start_proxy hold 20
  "$CLIENT" -p "$PROXY_PORT" --pin "$SRV_FP" 127.0.0.1 send "$T_TMP/up2.bin" > "$T_TMP/up2.out" 2>&1 &
  UP2=$!
  wait_log "$SRV_LOG" "receiving up2.bin" || fail "C upload: server receiving" "receiving up2.bin" "$(tail -2 "$SRV_LOG")"
  kill -TERM "$SRV_PID"; wait "$SRV_PID"; rc=$?
  expect_eq "C upload, SIGTERM: the server exits with status 0" 0 "$rc"
  wait "$UP2"; rc=$?
  expect_eq "C upload, SIGTERM: the client fails (exit 1)" 1 "$rc"
  case $(cat "$T_TMP/up2.out") in
    *"the server ended the session (close_notify) during the upload: nothing was stored"*)
      pass "C upload, SIGTERM: the client reports the server's close_notify";;
    *) fail "C upload, SIGTERM: the client reports the server's close_notify" \
            "... the server ended the session (close_notify) during the upload: nothing was stored" "$(cat "$T_TMP/up2.out")";;
  esac
  wait_log "$SRV_LOG" "server: stopped" || fail "C upload, SIGTERM: 'server: stopped'" "" "$(tail -3 "$SRV_LOG")"
  grep -q "transfer of up2.bin aborted, nothing stored: the server is stopping" "$SRV_LOG" \
    && pass "C upload, SIGTERM: the upload is aborted (logged)" || fail "C upload, SIGTERM: the upload is aborted" "" "$(grep up2.bin "$SRV_LOG")"
  grep -q "server stopping: sent close_notify" "$SRV_LOG" && pass "C upload, SIGTERM: close_notify sent (logged)" \
    || fail "C upload, SIGTERM: close_notify sent" "server stopping: sent close_notify" "$(tail -4 "$SRV_LOG")"
  no_temporaries "$SRV_DIR" "C upload, SIGTERM"
  [ ! -e "$SRV_DIR/up2.bin" ] && pass "C upload, SIGTERM: nothing stored" || fail "C upload, SIGTERM: nothing stored"
  wait "$PROXY_PID" 2>/dev/null
  rm -f "$T_TMP/up2.bin"
else
  skip "SIGTERM during a C client's upload" "python3 not installed (the proxy)"
fi

# 5. SIGINT: the same clean stop
start_server sigint
kill -INT "$SRV_PID"; wait "$SRV_PID"; rc=$?
expect_eq "SIGINT: exit status 0 (not 130)" 0 "$rc"
wait_log "$SRV_LOG" "server: stopping (SIGINT)" && pass "SIGINT: logged" || fail "SIGINT: logged" "server: stopping (SIGINT)" "$(tail -2 "$SRV_LOG")"

# 5b. kill -9 during an upload leaves a temporary; the next start removes it
if net_pycrypto; then
  start_server kill9
  mkfifo "$T_TMP/k9.in"
  "$NET_PY" "$H" upload "$SRV_PORT" "$SRV_FP" crash.bin 50000000 1000000 < "$T_TMP/k9.in" > "$T_TMP/k9.out" 2>&1 &
  K9=$!
  exec {K9FD}> "$T_TMP/k9.in"
  wait_log "$T_TMP/k9.out" "^sent " || fail "kill -9: uploader sent its first MB"
  wait_log "$SRV_LOG" "receiving crash.bin" || fail "kill -9: server receiving"
  kill -9 "$SRV_PID"; wait "$SRV_PID" 2>/dev/null
  expect_eq "kill -9: one temporary left behind" 1 "$(ls -A "$SRV_DIR" | grep -c '^\.crash\.bin\.tmp')"
  exec {K9FD}>&-; wait "$K9"
  DIR9=$SRV_DIR
  "$SERVER" -p 0 -k "$SRV_KEY" -d "$DIR9" > "$T_TMP/k9.log" 2>&1 &
  P9=$!
  NET_PIDS+=("$P9")
  wait_log "$T_TMP/k9.log" "^listening" || fail "restart after kill -9"
  grep -q "removed 1 stale temporary file(s) in $DIR9" "$T_TMP/k9.log" && pass "the next start removes it (logged)" \
    || fail "the next start removes it" "removed 1 stale temporary file(s)" "$(head -3 "$T_TMP/k9.log")"
  expect_eq "kill -9: nothing half-written remains" "" "$(ls -A "$DIR9")"
  kill "$P9"; wait "$P9"
else
  skip "kill -9 during an upload" "no python3 with PyCryptodome"
fi

# 6. known_hosts: the last line without a newline, a mode of 0640
start_server kh1; P1=$SRV_PORT
start_server kh2; P2=$SRV_PORT
KH="$T_TMP/kh"
"$CLIENT" -p "$P1" --known-hosts "$KH" --accept-new 127.0.0.1 ls > /dev/null 2>&1 || fail "first host accepted"
printf '%s' "$(cat "$KH")" > "$KH.new" && mv "$KH.new" "$KH" && chmod 640 "$KH"
expect_eq "known_hosts now ends without a newline" "1" "$(tail -c 1 "$KH" | grep -vc '^$')"
out=$("$CLIENT" -p "$P2" --known-hosts "$KH" --accept-new 127.0.0.1 ls 2>&1) && pass "second host accepted" || fail "second host accepted" "" "$out"
expect_eq "known_hosts has two lines" 2 "$(grep -c SHA256 "$KH")"
expect_eq "each on its own line" "127.0.0.1:$P1 $SRV_FP|127.0.0.1:$P2 $SRV_FP" "$(tr '\n' '|' < "$KH" | sed 's/|$//')"
out=$("$CLIENT" -p "$P1" --known-hosts "$KH" 127.0.0.1 ls 2>&1 < /dev/null) && pass "the first host is still known (no SERVER KEY HAS CHANGED)" \
  || fail "first host still known" "exit 0" "$out"
out=$("$CLIENT" -p "$P2" --known-hosts "$KH" 127.0.0.1 ls 2>&1 < /dev/null) && pass "the second host is remembered" \
  || fail "second host remembered" "exit 0" "$out"
expect_eq "known_hosts keeps its mode" 640 "$(stat -c %a "$KH")"
no_temporaries "$T_TMP" "known_hosts"
finish
