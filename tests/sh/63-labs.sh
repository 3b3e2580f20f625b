#!/usr/bin/env bash
# tests/sh/63-labs.sh -- the labs run as written (docs/labs/*.md), so they
# cannot rot.  For each lab: every ```sh block, in order, becomes one script,
# run from the top of the tree in its own process group (PORT=8000 and
# MITM_PORT=8001 replaced by free ports); then every line of each ```text
# block preceded by "<!-- lab-test: output -->" must appear, as a whole
# line, in what the script printed.  Lines of those blocks that are not
# deterministic are not marked; the lab text says what they look like.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/netlab.sh"

# Writes the sh blocks of $1 into $2; the expected lines into $3.
extract() {
  awk -v sh="$2" -v want="$3" '
    /^<!-- lab-test: output -->/ { mark = 1; next }
    /^```sh$/   { insh = 1; next }
    /^```text$/ { intext = mark; mark = 0; next }
    /^```/      { insh = 0; intext = 0; next }
    insh   { print > sh }
    intext { print > want }
    !/^[[:space:]]*$/ { if (!/^```/) mark = mark && 0 }
  ' "$1"
}

run_lab() {
  local md=$1 name
  name=$(basename "$md" .md)
  local dir="$T_TMP/$name"
  mkdir -p "$dir"
  : > "$dir/want.txt"
  extract "$md" "$dir/raw.sh" "$dir/want.txt"
  local port mport
  port=$(nl_free_port); mport=$(nl_free_port)
  {
    echo "cd '$TOP'"
    sed -e "s/^PORT=8000 /PORT=$port /" -e "s/^PORT=8000\$/PORT=$port/" \
        -e "s/^MITM_PORT=8001 /MITM_PORT=$mport /" -e "s/^MITM_PORT=8001\$/MITM_PORT=$mport/" "$dir/raw.sh"
  } > "$dir/lab.sh"
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

# --- docs/labs/wireshark.md: needs tshark and capture rights on lo -------------------
if ! have tshark || ! have dumpcap; then
  skip "lab wireshark" "tshark/dumpcap not installed (make deps)"
elif [ "$(id -u)" != 0 ]; then
  skip "lab wireshark" "capturing on lo needs root here (tests/sh/60-wireshark.sh covers the dissector without it)"
else
  run_lab docs/labs/wireshark.md
  if grep -qi 'lua error' "$LAB_OUT"; then fail "lab wireshark: no Lua error" "" "$(grep -i 'lua error' "$LAB_OUT")"; fi
fi

# --- docs/labs/mitm.md ----------------------------------------------------------------
[ -f docs/labs/mitm.md ] && run_lab docs/labs/mitm.md

# --- docs/labs/protocol.md: needs python3 with PyCryptodome -----------------------------
if nl_python; then
  if [ "$NL_PY" != python3 ]; then
    # The lab says "python3": run it with the interpreter that has PyCryptodome.
    mkdir -p "$T_TMP/pybin"; ln -sf "$NL_PY" "$T_TMP/pybin/python3"; PATH="$T_TMP/pybin:$PATH"
  fi
  [ -f docs/labs/protocol.md ] && run_lab docs/labs/protocol.md
else
  skip "lab protocol" "no python3 with PyCryptodome (python3-pycryptodome)"
fi

[ -n "${SHOW_LAB:-}" ] && cat "$T_TMP"/*/out.txt
finish
