#!/usr/bin/env bash
# tests/sh/32-rsa-lab.sh -- runs every ```sh block of docs/labs/rsa.md, in order,
# in one empty directory, each with `set -e` (the blocks check their own results).
source "$(dirname "$0")/lib.sh"

LAB=docs/labs/rsa.md
if [ ! -f "$LAB" ]; then
  fail "$LAB exists"
  finish; exit $?
fi
mkdir -p "$T_TMP/lab" "$T_TMP/blocks"
awk -v dir="$T_TMP/blocks" '
  /^```sh[ \t]*$/ { n++; f = sprintf("%s/%02d.sh", dir, n); inblk = 1; next }
  /^```/          { inblk = 0; next }
  inblk           { print > f }
' "$LAB"
count=$(ls "$T_TMP/blocks" | wc -l)
if [ "$count" -lt 8 ]; then
  fail "lab blocks found" ">= 8" "$count"
fi
for b in "$T_TMP/blocks"/*.sh; do
  name="lab block $(basename "$b" .sh): $(grep -m1 -o 'cryptolab [a-z-]* [a-z-]*' "$b")"
  if (cd "$T_TMP/lab" && cryptolab() { "$CL" "$@"; } && set -e -o pipefail && source "$b") \
       > "$T_TMP/block.out" 2>&1; then
    pass "$name"
  else
    fail "$name" "every command succeeds" "$(tail -4 "$T_TMP/block.out")"
  fi
done
# The root's name in English: square, cube, 4th, 21st, 22nd, 23rd, 111th (not "3-th").
printf '\005\000' > "$T_TMP/c.bin"
for pair in 2:square 3:cube 4:4th 21:21st 22:22nd 23:23rd 111:111th; do
  e=${pair%%:*}; want=${pair#*:}
  msg=$("$CL" rsa-trace root -e "$e" -in "$T_TMP/c.bin" -out "$T_TMP/r.bin" 2>&1 >/dev/null)
  expect_eq "rsa-trace root -e $e: the message names the $want root" \
    "cryptolab rsa-trace: no exact $want root: the attack does not apply to this ciphertext" "$msg"
done
finish
