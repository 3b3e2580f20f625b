#!/usr/bin/env bash
# 71-aes-impl-vectors: every AES implementation (spec, ttable, ct, aesni)
# runs all AES vector files -- the AESAVS KAT/MMT/MCT files in
# $SHARED_VECTORS/cavp/aes and the project's FIPS-197 / SP 800-38A files in
# vectors/aes -- selected with CRYPTOLAB_AES_IMPL.  Also checks that
# `cryptolab version` names the implementation in use.
source "$(dirname "$0")/lib.sh"

paths=(vectors/aes)
if [ -d "$SHARED_VECTORS/cavp/aes" ]; then paths+=("$SHARED_VECTORS/cavp/aes")
else skip "AESAVS files" "$SHARED_VECTORS/cavp/aes not found (set SHARED_VECTORS)"; fi

for impl in spec ttable ct aesni; do
  if [ "$impl" = aesni ] && ! "$CL" version -v 2>/dev/null | grep -q 'aesni.*available'; then
    skip "aesni vectors" "this CPU has no AES-NI"
    continue
  fi
  out=$(CRYPTOLAB_AES_IMPL=$impl "$CL" vectors "${paths[@]}" 2>&1); rc=$?
  last=$(printf '%s\n' "$out" | tail -n 1)
  expect_eq "aes vectors ($impl) exit status" 0 "$rc"
  case "$last" in
    "0 passed"*) fail "aes vectors ($impl) ran no case" ;;
    *" passed, 0 failed"*) pass "aes vectors ($impl): $last" ;;
    *) fail "aes vectors ($impl)" "N passed, 0 failed" "$last"; printf '%s\n' "$out" | grep -v ' 0 failed' | head -20 ;;
  esac
  v=$(CRYPTOLAB_AES_IMPL=$impl "$CL" version | grep -i '^AES implementation')
  case "$v" in *": $impl"*) pass "version shows $impl" ;; *) fail "version shows $impl" "AES implementation: $impl" "$v" ;; esac
done
finish
