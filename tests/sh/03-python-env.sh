#!/usr/bin/env bash
# tests/sh/03-python-env.sh -- the Python peer and the Python lab commands
# when the python3 first on PATH has no PyCryptodome (pyenv, conda, a venv):
# the scripts re-run themselves with an interpreter that has it, or stop
# with one line naming the interpreter, the module and the fix.
# Our "python3 without PyCryptodome": a real one started with -S (no
# site-packages, which is where PyCryptodome lives).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/netlab.sh"

if ! nl_python; then
  skip "python3 without PyCryptodome" "no python3 with PyCryptodome on this machine (python3-pycryptodome)"
  finish; exit $?
fi
real=$(command -v "$NL_PY")
mkdir -p "$T_TMP/bin"
printf '#!/bin/sh\nexec %s -S "$@"\n' "$real" > "$T_TMP/bin/python3"; chmod +x "$T_TMP/bin/python3"
if "$T_TMP/bin/python3" -c 'import Cryptodome' 2>/dev/null || "$T_TMP/bin/python3" -c 'import Crypto' 2>/dev/null; then
  skip "python3 without PyCryptodome" "$real -S still finds PyCryptodome"; finish; exit $?
fi
P="$T_TMP/bin:$PATH"

# It works as written: the peer, the known-answer check, the lab's script.
out=$(PATH=$P python3 demo/python/cryptolab_client.py --help 2>&1 | head -1)
case $out in usage:\ cryptolab_client.py*) pass "client --help under a python3 without PyCryptodome" ;;
  *) fail "client --help under a python3 without PyCryptodome" "usage: cryptolab_client.py ..." "$out" ;; esac
out=$(PATH=$P python3 tests/sh/pykat.py docs/protocol.md --section all 2>&1 | tail -1)
expect_eq "pykat.py under a python3 without PyCryptodome (§12.1-§12.3)" "pykat: 62 passed, 0 failed" "$out"
out=$(PATH=$P python3 docs/labs/protocol-records.py 2>&1 | head -1)
expect_eq "protocol lab script under a python3 without PyCryptodome" "sketch: same message, same ciphertext: True" "$out"

# A real transfer: the Python client (re-run) against the C server.
if nl_start_server "$T_TMP/srv"; then
  echo "python, re-run" > "$T_TMP/f.txt"
  out=$(PATH=$P python3 demo/python/cryptolab_client.py -p "$NL_SRV_PORT" --pin "$NL_SRV_FP" 127.0.0.1 send "$T_TMP/f.txt" 2>&1)
  if cmp -s "$T_TMP/f.txt" "$T_TMP/srv/f.txt"; then pass "python client send (re-run) reaches the C server"
  else fail "python client send (re-run) reaches the C server" "f.txt stored" "$out"; fi
else
  fail "C server for the python test"
fi

# No interpreter with PyCryptodome to re-run with: one line, exit 1.
out=$(PATH=$P CRYPTOLAB_PYTHON="$T_TMP/bin/python3" python3 demo/python/cryptolab_client.py --help 2>&1); rc=$?
expect_eq "no interpreter with it: exit status" 1 "$rc"
expect_eq "no interpreter with it: one line" 1 "$(grep -c . <<< "$out")"
for w in "$real -S" "no PyCryptodome" "Cryptodome or Crypto" "apt-get install python3-pycryptodome" "pip install pycryptodome"; do
  if grep -qF -- "$w" <<< "$out"; then pass "the line names: $w"; else fail "the line names: $w" "$w" "$out"; fi
done
# A program on standard input cannot be re-run: one line naming the one that has it.
out=$(PATH=$P python3 - 2>&1 <<'PY'
import sys; sys.path.insert(0, "demo/python")
import cryptolab_client
PY
); rc=$?
expect_eq "stdin program: exit status" 1 "$rc"
if [ "$(grep -c . <<< "$out")" -eq 1 ] && grep -q "run it with .*, which has it" <<< "$out"; then pass "stdin program: one line naming the interpreter to use"
else fail "stdin program: one line naming the interpreter to use" "...: run it with PATH, which has it" "$out"; fi
finish
