#!/usr/bin/env bash
# tests/sh/63-labs.sh -- the labs run as written (docs/labs/*.md), so they
# cannot rot.  For each lab: every ```sh block (also one indented in a list
# item), in order, becomes one script, run unchanged from the top of the tree
# in its own process group; then every line of each ```text block preceded
# by "<!-- lab-test: output -->" must appear, as a whole line, in what the
# script printed.  Lines of those blocks that are not deterministic are not
# marked; the lab text says what they look like.  A block preceded by
# "<!-- lab-test: listing FILE -->" must be FILE, byte for byte.
# The classes of problem a reader following a lab literally would meet:
#   - a fixed port: the labs run while 127.0.0.1:8000 and :8001 are taken,
#     and no lab may name a port for a server (-p 0: the port it prints);
#   - a python3 without PyCryptodome first on PATH (pyenv, conda, a venv):
#     the labs run with such a python3 first on PATH;
#   - an exercise whose command does not show what it asks about: the
#     wireshark exercise's flipped record must fail its MAC.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/netlab.sh"

# Writes the sh blocks of $1 into $2; the expected lines into $3.
extract() {
  awk -v sh="$2" -v want="$3" '
    /^<!-- lab-test: output -->/ { mark = 1; next }
    /^[[:space:]]*```sh$/   { insh = 1; next }
    /^```text$/ { intext = mark; mark = 0; next }
    /^[[:space:]]*```/      { insh = 0; intext = 0; next }
    insh   { print > sh }
    intext { print > want }
    !/^[[:space:]]*$/ { if (!/^```/) mark = mark && 0 }
  ' "$1"
}

# Every "<!-- lab-test: listing FILE -->" block of $1 must equal FILE.
check_listings() {
  local md=$1 f n=0
  for f in $(sed -n 's/^<!-- lab-test: listing \(.*\) -->$/\1/p' "$md"); do
    n=$((n + 1))
    awk -v f="$f" '
      $0 == "<!-- lab-test: listing " f " -->" { want = 1; next }
      want && /^```/ { if (inb) exit; inb = 1; next }
      inb { print }
    ' "$md" > "$T_TMP/listing"
    if cmp -s "$T_TMP/listing" "$f"; then pass "$(basename "$md"): the listing of $f is the file"
    else fail "$(basename "$md"): the listing of $f is the file" "$f" "$(diff "$f" "$T_TMP/listing" | head -5)"; fi
  done
  return 0
}

# No lab gives a server or proxy a fixed port (they use -p 0 / ADDR:0 and
# read the port the program prints).
check_ports() {
  local md=$1 bad
  bad=$(awk '/^[[:space:]]*```sh$/ {s = 1; next} /^[[:space:]]*```/ {s = 0} s' "$md" |
        grep -nE -- '(^|[^A-Za-z_])PORT=[0-9]|-p [1-9][0-9]*|--listen [^ ]*:[1-9][0-9]*' || true)
  expect_eq "$(basename "$md"): no fixed ports (-p 0 and the printed port)" "" "$bad"
}

run_lab() {
  local md=$1 epilogue=${2:-} name
  name=$(basename "$md" .md)
  local dir="$T_TMP/$name"
  mkdir -p "$dir"
  : > "$dir/want.txt"
  extract "$md" "$dir/raw.sh" "$dir/want.txt"
  check_ports "$md"
  check_listings "$md"
  { echo "cd '$TOP'"; cat "$dir/raw.sh"; printf '%s\n' "$epilogue"; } > "$dir/lab.sh"
  # timeout runs the lab in its own process group (its pid), bounded in time;
  # whatever the lab left running in that group is stopped afterwards.
  timeout 300 bash "$dir/lab.sh" > "$dir/out.txt" 2>&1 &
  local pid=$!
  wait "$pid"
  local rc=$?
  pkill -TERM -g "$pid" 2>/dev/null   # that process group only
  if [ "$rc" -eq 124 ]; then fail "lab $name finished in time" "< 300 s" "timed out"; fi
  local n=0 missing=0 line
  while IFS= read -r line; do
    [ -z "${line//[[:space:]]/}" ] && continue
    n=$((n + 1))
    if ! grep -qxF -- "$line" "$dir/out.txt"; then
      missing=$((missing + 1))
      fail "lab $name shows: $line" "$line" "(not in the output; see below)"
    fi
  done < "$dir/want.txt"
  if [ "$missing" -eq 0 ] && [ "$n" -gt 0 ]; then pass "lab $name: all $n output lines shown in the text appear"; fi
  if [ "$missing" -gt 0 ]; then echo "  --- output of $name:"; sed 's/^/  | /' "$dir/out.txt" | head -80; fi
  LAB_OUT="$dir/out.txt"
}

for b in cryptolab-server cryptolab-client cryptolab-mitm; do
  if [ ! -x "bin/$b" ]; then skip "labs" "bin/$b not built"; finish; exit $?; fi
done

# Ports 8000 and 8001 (the defaults) taken while the labs run, when free.
BLOCK_LOG="$T_TMP/blocker.log"
python3 -c '
import socket, sys, time
socks = []
for port in (8000, 8001):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try: s.bind(("127.0.0.1", port)); s.listen(8); socks.append(s)
    except OSError: pass
print("blocking", len(socks), flush=True)
time.sleep(900)' > "$BLOCK_LOG" 2>&1 &
NL_PIDS="$NL_PIDS $!"
nl_wait_for "$BLOCK_LOG" '^blocking' || fail "ports 8000/8001 taken during the labs"

# A python3 without PyCryptodome first on PATH (as a pyenv/conda/venv one
# would be): `-S` leaves out site-packages, where PyCryptodome lives.
if nl_python; then
  real_py=$(command -v "$NL_PY")
  mkdir -p "$T_TMP/pybin"
  printf '#!/bin/sh\nexec %s -S "$@"\n' "$real_py" > "$T_TMP/pybin/python3"
  chmod +x "$T_TMP/pybin/python3"
  if "$T_TMP/pybin/python3" -c 'import Cryptodome' 2>/dev/null || "$T_TMP/pybin/python3" -c 'import Crypto' 2>/dev/null; then
    skip "labs with a python3 lacking PyCryptodome" "$real_py -S still finds PyCryptodome"
  else
    PATH="$T_TMP/pybin:$PATH"
  fi
fi

# --- docs/labs/wireshark.md: needs tshark and capture rights on lo -------------------
if ! have tshark || ! have dumpcap; then
  skip "lab wireshark" "tshark/dumpcap not installed (make deps)"
elif [ "$(id -u)" != 0 ]; then
  skip "lab wireshark" "capturing on lo needs root here (tests/sh/60-wireshark.sh covers the dissector without it)"
else
  # Exercise Q7.1's flipped record must fail its MAC (frame 9).
  run_lab docs/labs/wireshark.md 'echo "exercise: kat bad MAC in frame: $(tshark -n -X lua_script:docs/wireshark/cryptolab.lua -r $LAB/bad.pcap -o cryptolab.keylog_file:$LAB/kat.keylog -Y cryptolab.bad_mac -T fields -e frame.number 2>/dev/null | tr "\n" " ")"'
  if grep -qx 'exercise: kat bad MAC in frame: 9 ' "$LAB_OUT"; then pass "lab wireshark: exercise Q7.1 reaches the MAC failure"
  else fail "lab wireshark: exercise Q7.1 reaches the MAC failure" "exercise: kat bad MAC in frame: 9" "$(grep '^exercise:' "$LAB_OUT")"; fi
  if grep -qi 'lua error' "$LAB_OUT"; then fail "lab wireshark: no Lua error" "" "$(grep -i 'lua error' "$LAB_OUT")"; fi
fi

# --- docs/labs/mitm.md ----------------------------------------------------------------
[ -f docs/labs/mitm.md ] && run_lab docs/labs/mitm.md

# --- docs/labs/protocol.md: needs python3 with PyCryptodome somewhere ---------------------
if [ -n "$NL_PY" ]; then
  [ -f docs/labs/protocol.md ] && run_lab docs/labs/protocol.md
else
  skip "lab protocol" "no python3 with PyCryptodome (python3-pycryptodome)"
fi

# --- the viz labs: viewers, CBC padding oracle, Bleichenbacher ------------------------
for lab in viewers padding-oracle bleichenbacher; do
  [ -f "docs/labs/$lab.md" ] && run_lab "docs/labs/$lab.md"
done

# --- docs/labs/pki.md (X.509): needs python3 for its one-byte change --------------------
if have python3; then
  [ -f docs/labs/pki.md ] && run_lab docs/labs/pki.md
else
  skip "lab pki" "python3 not installed (make deps)"
fi

[ -n "${SHOW_LAB:-}" ] && cat "$T_TMP"/*/out.txt
finish
