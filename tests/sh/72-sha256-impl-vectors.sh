#!/usr/bin/env bash
# 72-sha256-impl-vectors: the SHAVS files (and HMACVS, which hashes through
# the same compression function) once per SHA-256 implementation (spec,
# fast, shani), selected with CRYPTOLAB_SHA256_IMPL.
source "$(dirname "$0")/lib.sh"

paths=()
for d in sha hmac; do
  if [ -d "$SHARED_VECTORS/cavp/$d" ]; then paths+=("$SHARED_VECTORS/cavp/$d")
  else skip "cavp/$d" "$SHARED_VECTORS/cavp/$d not found (set SHARED_VECTORS)"; fi
done
if [ ${#paths[@]} -eq 0 ]; then finish; exit $?; fi
for impl in spec fast shani; do
  if [ "$impl" = shani ] && ! "$CL" version -v 2>/dev/null | grep -q 'shani.*available'; then
    skip "shani vectors" "this CPU has no SHA extensions"
    continue
  fi
  out=$(CRYPTOLAB_SHA256_IMPL=$impl "$CL" vectors "${paths[@]}" 2>&1); rc=$?
  last=$(printf '%s\n' "$out" | tail -n 1)
  expect_eq "sha256 vectors ($impl) exit status" 0 "$rc"
  case "$last" in
    "0 passed"*) fail "sha256 vectors ($impl) ran no case" ;;
    *" passed, 0 failed"*) pass "sha256 vectors ($impl): $last" ;;
    *) fail "sha256 vectors ($impl)" "N passed, 0 failed" "$last" ;;
  esac
done
finish
