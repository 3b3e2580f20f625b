#!/usr/bin/env bash
# tests/sh/12-aes-lab-gdb.sh -- the AES lab (docs/labs/aes.md) in batch mode:
# runs docs/labs/aes-round1.gdb on a -O0 -g3 build of `cryptolab aes-trace`
# and checks that the state printed after SubBytes() of round 1 equals
# FIPS-197 Appendix C.1 round[ 1].s_box (and the state before it, round[ 1].start).
source "$(dirname "$0")/lib.sh"

if ! have gdb; then
  skip "AES lab in gdb" "gdb not installed"
  finish; exit $?
fi

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

vec=vectors/aes/fips197-appendix-c1-aes128.txt
want_start=$(sed -n 's/^round\[ 1\]\.start *//p' "$vec" | head -n 1)
want_sbox=$(sed -n 's/^round\[ 1\]\.s_box *//p' "$vec" | head -n 1)

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

out="$T_TMP/gdb.out"
timeout 60 gdb -batch -nx -x docs/labs/aes-round1.gdb --args "$prog" aes-trace \
  -K 000102030405060708090a0b0c0d0e0f -in 00112233445566778899aabbccddeeff > "$out" 2>&1
before=$(sed -n 's/^\$1 = \(.*\)$/\1/p' "$out" | to_columns)
round=$(sed -n 's/^\$2 = \(.*\)$/\1/p' "$out")
after=$(sed -n 's/^\$3 = \(.*\)$/\1/p' "$out" | to_columns)
expect_eq "gdb: state before SubBytes, round 1 = Appendix C.1 round[ 1].start" "$want_start" "$before"
expect_eq "gdb: round number after finish" "1" "$round"
expect_eq "gdb: state after SubBytes, round 1 = Appendix C.1 round[ 1].s_box" "$want_sbox" "$after"
if [ "$after" != "$want_sbox" ]; then echo "  gdb output was:"; sed 's/^/    /' "$out" | tail -n 20; fi
finish
