#!/usr/bin/env bash
# tests/sh/12-aes-lab-gdb.sh -- the AES lab's gdb part (docs/labs/aes.md
# section 2), as a reader follows it:
#   - the commands the lab shows, in order, are docs/labs/aes-round1.gdb;
#   - run in batch mode on a -O0 -g3 build, the script prints every output
#     line of the lab's "<!-- lab-test: gdb ... -->" block, in order, line
#     numbers included (0x... stands for any address);
#   - the values the questions are about: the state before and after
#     SubBytes = Appendix C.1 round[ 1].start and .s_box, after ShiftRows =
#     .s_row, the round key = .k_sch, xtime({d4}) = 0xb3 called from MixColumns;
#   - on an optimised build the script stops with its message, printing no values.
source "$(dirname "$0")/lib.sh"

if ! have gdb; then
  skip "AES lab in gdb" "gdb not installed"
  finish; exit $?
fi
LAB=docs/labs/aes.md
GDB=docs/labs/aes-round1.gdb

# A debug build: bin/ itself if it was built by `make debug`, otherwise a
# private one in the temporary directory (so the normal build is untouched).
if grep -q -- '-O0 -g3' build/.flags 2>/dev/null && [ -x bin/cryptolab ]; then
  prog=bin/cryptolab
else
  if env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -j2 DEBUG=1 SAN=0 BUILD="$T_TMP/build" BIN="$T_TMP/bin" "$T_TMP/bin/cryptolab" > "$T_TMP/make.log" 2>&1; then
    prog="$T_TMP/bin/cryptolab"
  else
    fail "debug build for the gdb lab"; cat "$T_TMP/make.log"
    finish; exit $?
  fi
fi
run_gdb() { timeout 60 gdb -batch -nx -x "$GDB" --args "$1" aes-trace \
  -K 000102030405060708090a0b0c0d0e0f -in 00112233445566778899aabbccddeeff; }

# 1. The lab's commands (every "(gdb) " line of section 2) are the script's.
sec2=$(sed -n '/^## 2\./,/^## 3\./p' "$LAB")
lab_cmds=$(sed -n 's/^[[:space:]]*(gdb) //p' <<< "$sec2")
script_cmds=$(sed -e '/^#/d' -e '/^[[:space:]]*$/d' "$GDB" | sed '1,/^end$/d')
expect_eq "the lab's gdb commands, in order, are $GDB" "$script_cmds" "$lab_cmds"

# 2. Every output line the lab shows appears, in this order.
out="$T_TMP/gdb.out"
run_gdb "$prog" > "$out" 2>&1
awk -v tag="<!-- lab-test: gdb $GDB -->" '$0 == tag {m = 1; next} m && /^```text$/ {b = 1; next} b && /^```/ {exit} b' "$LAB" |
  grep -v '^(gdb) ' > "$T_TMP/want"
n_want=$(grep -c . "$T_TMP/want")
[ "$n_want" -ge 5 ] || fail "the lab shows gdb's output" ">= 5 lines" "$n_want"
line_no=0; missing=0
while IFS= read -r w; do
  # literal text, with "0x..." matching any hex address
  re=$(printf '%s' "$w" | sed -e 's/[][\.*^$/]/\\&/g' -e 's/0x\\\.\\\.\\\./0x[0-9a-f]*/g')
  found=$(tail -n +"$((line_no + 1))" "$out" | grep -n -m1 -- "^$re\$" | cut -d: -f1)
  if [ -z "$found" ]; then
    missing=$((missing + 1)); fail "gdb prints, in the lab's order: $w" "$w" "(not found after line $line_no)"
  else
    line_no=$((line_no + found))
  fi
done < "$T_TMP/want"
[ "$missing" -eq 0 ] && pass "gdb prints all $n_want lines the lab shows, in order (line numbers included)"

# 3. The values the questions ask about.
vec=vectors/aes/fips197-appendix-c1-aes128.txt
want_of() { sed -n "s/^round\[ 1\]\.$1 *//p" "$vec" | head -n 1; }
# gdb prints the state rows {{s00, s01, s02, s03}, {s10, ...}, ...}; the
# Appendix C hex runs down the columns: s00 s10 s20 s30 s01 ...
to_columns() {
  local -a b
  read -r -a b < <(tr -d '{},' | sed 's/0x//g')
  [ "${#b[@]}" -eq 16 ] || { echo "(not 16 bytes: ${b[*]})"; return; }
  local r c
  for ((c = 0; c < 4; c++)); do for ((r = 0; r < 4; r++)); do printf '%02x' "$((16#${b[4*r+c]}))"; done; done
  echo
}
val() { sed -n "s/^\\\$$1 = \\(.*\\)\$/\\1/p" "$out"; }
expect_eq "Q2: state before SubBytes = Appendix C.1 round[ 1].start" "$(want_of start)" "$(val 1 | to_columns)"
expect_eq "Q2: round after finish" "1" "$(val 2)"
expect_eq "Q2.1: state after SubBytes = round[ 1].s_box" "$(want_of s_box)" "$(val 3 | to_columns)"
expect_eq "Q2.2: state after ShiftRows = round[ 1].s_row" "$(want_of s_row)" "$(val 4 | to_columns)"
expect_eq "Q2.3: w[4..7] = round[ 1].k_sch" "$(want_of k_sch)" "$(val 5 | tr -d '{},' | sed 's/0x//g' | tr -d ' ')"
expect_eq "Q2.4: xtime({d4}) in hex" "0xb3" "$(val 7)"
if grep -q '^#1 .* in MixColumns ' "$out"; then pass "Q2.4: xtime({d4}) is called from MixColumns"
else fail "Q2.4: xtime({d4}) is called from MixColumns" "#1 ... in MixColumns" "$(grep '^#1' "$out")"; fi
if [ "$missing" -gt 0 ] || [ "$(val 3 | to_columns)" != "$(want_of s_box)" ]; then
  echo "  gdb output was:"; sed 's/^/    /' "$out" | grep -v 'round\[' | tail -n 40
fi

# 4. An optimised build: the script refuses, and prints no value.
opt=""
if [ -x bin/cryptolab ] && ! grep -q -- '-O0' build/.flags 2>/dev/null; then opt=bin/cryptolab; fi
if [ -z "$opt" ]; then
  skip "gdb script on an optimised build" "bin/cryptolab is a debug build"
else
  run_gdb "$opt" > "$T_TMP/opt.out" 2>&1; rc=$?
  expect_eq "optimised build: the script stops (exit 1)" 1 "$rc"
  if grep -q 'optimised build (plain make).*make debug' "$T_TMP/opt.out" && ! grep -q '^\$1 = ' "$T_TMP/opt.out"; then
    pass "optimised build: says so, prints no value"
  else fail "optimised build: says so, prints no value" "aes-round1.gdb: ... optimised build ... make debug" "$(head -3 "$T_TMP/opt.out")"; fi
fi
finish
