#!/usr/bin/env bash
# 56-net-chat: no chat member can stop the others (issue 12, items 2 and 4).
# Four members that never read (4 KiB receive buffers, from 127.0.0.2..5)
# while a talker sends 3000 lines: a fifth member receives every line, an
# `ls` is served, and each silent member is disconnected with alert too_slow
# when its queue is full -- with --timeout 60, a server that waited on a
# silent member's socket could do none of this within the bounds below.
# Nick rules: "*" reserved, duplicates refused, bidi/C1 refused; CHAT_SAY
# that is not one line of text is not relayed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netlib.sh"
if ! net_pycrypto; then skip "chat tests" "no python3 with PyCryptodome (the silent members are Python peers)"; finish; exit; fi
H="$TOP/tests/sh/nethostile.py"
net_key
start_server chat --timeout 60

SILENT=()
for i in 2 3 4 5; do
  mkfifo "$T_TMP/s$i.in"
  "$NET_PY" "$H" silent "$SRV_PORT" "127.0.0.$i" "$SRV_FP" "silent$i" < "$T_TMP/s$i.in" > "$T_TMP/s$i.out" 2>&1 &
  NET_PIDS+=("$!")
  exec {fd}> "$T_TMP/s$i.in"
  SILENT+=("$fd")
  wait_log "$T_TMP/s$i.out" "joined silent$i" || fail "silent$i joins" "joined" "$(cat "$T_TMP/s$i.out")"
done
# the reader: a member that reads everything
mkfifo "$T_TMP/reader.in"
client 127.0.0.1 chat --name reader < "$T_TMP/reader.in" > "$T_TMP/reader.out" 2>&1 &
READER=$!
exec {RFD}> "$T_TMP/reader.in"
wait_log "$SRV_LOG" "chat: reader joined" || fail "reader joins"
# the talker: 3000 lines of 900 bytes
for i in $(seq 3000); do printf 'line %04d %0900d\n' "$i" 0; done > "$T_TMP/lines"
client 127.0.0.1 chat --name talker < "$T_TMP/lines" > "$T_TMP/talker.out" 2>&1 &
TALKER=$!

out=$(client 127.0.0.1 ls 2>&1) && pass "ls served while four members do not read" || fail "ls served" "exit 0" "$out"
n=0
for _ in $(seq 600); do
  n=$(grep -c '^<talker> line' "$T_TMP/reader.out"); [ "$n" -ge 3000 ] && break; sleep 0.05
done
expect_eq "the reading member got all 3000 lines (within 30 s; --timeout is 60)" 3000 "$n"
expect_eq "... in order" "line 3000" "$(grep '^<talker> line' "$T_TMP/reader.out" | tail -1 | cut -c10-18)"
gone=0
for _ in $(seq 600); do
  gone=$(grep -c "does not read .*disconnected with alert too_slow" "$SRV_LOG"); [ "$gone" -ge 4 ] && break; sleep 0.05
done
expect_eq "the four silent members are disconnected (alert too_slow)" 4 "$gone"
wait "$TALKER" && pass "the talker ends normally" || fail "the talker ends normally" "exit 0" "$(tail -2 "$T_TMP/talker.out")"
for fd in "${SILENT[@]}"; do exec {fd}>&-; done

# nick rules
nick() { printf 'hi\n' | client 127.0.0.1 chat --name "$1" 2>&1; }
for bad in '*' "$(printf 'ev\xe2\x80\xaeil')" "$(printf 'c1\xc2\x9bx')"; do
  out=$(nick "$bad") && fail "nick '$bad' refused" "exit 1" "$out" || {
    case $out in *"bad nick"*) pass "nick '$bad' refused (bad_name)";; *) fail "nick '$bad' refused" "bad nick" "$out";; esac; }
done
out=$(nick reader) && fail "duplicate nick refused" "exit 1" "$out" || {
  case $out in *"already in use"*) pass "duplicate nick refused (exists)";; *) fail "duplicate nick refused" "already in use" "$out";; esac; }
out=$(nick READER) && fail "duplicate nick (other case) refused" "exit 1" "$out" || pass "duplicate nick (other case) refused"
# a line with U+202E is not relayed; the sender is told; the next line is relayed
mkfifo "$T_TMP/speaker.in"
client 127.0.0.1 chat --name speaker < "$T_TMP/speaker.in" > "$T_TMP/speaker.out" 2>&1 &
SPEAKER=$!
exec {SFD}> "$T_TMP/speaker.in"
printf 'abc\xe2\x80\xaedef\nplain line\n' >&"$SFD"
wait_log "$T_TMP/reader.out" "<speaker> plain line" && pass "the next line is relayed" || fail "plain line relayed"
grep -q "abc" "$T_TMP/reader.out" && fail "a line with U+202E is not relayed" || pass "a line with U+202E is not relayed"
wait_log "$T_TMP/speaker.out" "^\* your line was not relayed" && pass "its sender is told (notice from *)" \
  || fail "its sender is told" "* your line was not relayed" "$(cat "$T_TMP/speaker.out")"
exec {SFD}>&-
wait "$SPEAKER"
exec {RFD}>&-
wait "$READER"
kill -0 "$SRV_PID" 2>/dev/null && pass "server alive at the end" || fail "server alive at the end"
finish
