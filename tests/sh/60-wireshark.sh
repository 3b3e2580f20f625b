#!/usr/bin/env bash
# tests/sh/60-wireshark.sh -- the Wireshark side of cryptolab:
#   1. the Lua AES/SHA-256/HMAC/HKDF (docs/wireshark/cl_crypto.lua) against
#      FIPS-197, FIPS 180-4, RFC 4231, RFC 5869, SP 800-38A vectors, run by
#      Wireshark's own Lua (tshark -X lua_script:...);
# Skipped, with a message, when tshark is not installed (make deps installs it).
source "$(dirname "$0")/lib.sh"

if ! have tshark; then
  skip "wireshark" "tshark not installed (make deps installs it): Lua crypto and dissector not tested"
  finish; exit $?
fi

# An empty classic pcap file (24-byte global header, LINKTYPE_ETHERNET):
# tshark needs a capture to read before it runs the Lua scripts' results.
printf '\xd4\xc3\xb2\xa1\x02\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\x01\x00\x00\x00' \
  > "$T_TMP/empty.pcap"

# --- 1. Lua crypto known answers ---------------------------------------------
# A Lua error is only a warning for tshark (exit 0): read the closing line.
out=$(tshark -X lua_script:tests/lua/cl_crypto_test.lua -r "$T_TMP/empty.pcap" 2>&1)
line=$(printf '%s\n' "$out" | grep -o 'cl_crypto: [0-9]* passed, [0-9]* failed' || true)
if [ -z "$line" ]; then
  fail "lua crypto test ran" "cl_crypto: N passed, 0 failed" "$out"
else
  n_ok=$(echo "$line" | sed 's/cl_crypto: \([0-9]*\) passed.*/\1/')
  n_bad=$(echo "$line" | sed 's/.* \([0-9]*\) failed/\1/')
  [ "$n_bad" -ne 0 ] && printf '%s\n' "$out" | grep -A2 '^FAIL' | sed 's/^/  /'
  expect_eq "lua crypto: failures (of $((n_ok + n_bad)) vectors)" 0 "$n_bad"
  [ "$n_ok" -ge 16 ] && pass "lua crypto: $n_ok vectors" || fail "lua crypto: vector count" ">=16" "$n_ok"
fi

finish
