#!/usr/bin/env bash
# tests/sh/68-padding-oracle.sh -- the CBC padding-oracle lab on 127.0.0.1
# (docs/labs/padding-oracle.md): Vaudenay's attack
#   - SUCCEEDS against `padding-oracle serve --vulnerable-mac-then-encrypt`
#     (which prints its loud warning): the secret sentence comes back, at
#     about 128 queries a byte;
#   - FAILS against the default service (encrypt-then-MAC, one answer for
#     every bad record): no guess of the first byte is ever "valid", the
#     attack stops after 256 queries.
# Servers listen on port 0 (the printed port); every wait is bounded.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/netlab.sh"

SECRET="Lab secret: the launch code is 0000, tell no one."
start() {   # start NAME ARGS...: a server in the background; sets PORT
  local name=$1; shift
  "$CL" padding-oracle serve --challenge "$T_TMP/$name.hex" "$@" > "$T_TMP/$name.log" 2> "$T_TMP/$name.err" &
  NL_PIDS="$NL_PIDS $!"
  if nl_wait_for "$T_TMP/$name.log" '^listening on 127\.0\.0\.1:[0-9]+$' 100; then
    PORT=$(sed -n 's/^listening on 127\.0\.0\.1://p' "$T_TMP/$name.log")
  else
    PORT=""; fail "$name server starts" "listening on 127.0.0.1:PORT" "$(cat "$T_TMP/$name.log" "$T_TMP/$name.err")"
  fi
}

# 1. The vulnerable service: the attack works.
start vuln --vulnerable-mac-then-encrypt --secret "$SECRET"
grep -q 'DELIBERATELY VULNERABLE' "$T_TMP/vuln.err" && pass "vulnerable mode prints its warning" ||
  fail "vulnerable mode prints its warning" "DELIBERATELY VULNERABLE" "$(cat "$T_TMP/vuln.err")"
if [ -n "$PORT" ]; then
  t0=$(date +%s.%N)
  timeout 300 "$CL" padding-oracle attack -p "$PORT" --challenge "$T_TMP/vuln.hex" > "$T_TMP/a1.out" 2>&1; rc=$?
  t1=$(date +%s.%N)
  if [ "$rc" -eq 0 ] && grep -qF "\"$SECRET" "$T_TMP/a1.out"; then
    pass "attack on the MAC-then-encrypt oracle recovers the secret"
  else
    fail "attack on the MAC-then-encrypt oracle" "exit 0 and \"$SECRET...\"" "rc=$rc: $(cat "$T_TMP/a1.out")"
  fi
  q=$(sed -n 's/^queries: \([0-9]*\) .*/\1/p' "$T_TMP/a1.out")
  blocks=$(( ($(tr -d '\n' < "$T_TMP/vuln.hex" | wc -c) / 2 - 16) / 16 ))
  if [ "${q:-0}" -gt 0 ] && [ "$q" -le $((blocks * 16 * 260)) ]; then
    pass "padding oracle: $q queries for $blocks blocks ($(awk -v q="$q" -v b="$blocks" 'BEGIN {printf "%.0f", q / (16 * b)}') a byte), $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') s"
  else
    fail "padding oracle: at most 256 queries a byte" "<= $((blocks * 16 * 260))" "$q"
  fi
fi

# 2. The default service: no oracle, the attack fails.
start etm --secret "$SECRET"
if [ -n "$PORT" ]; then
  if [ -s "$T_TMP/etm.err" ]; then fail "default mode: no warning" "" "$(cat "$T_TMP/etm.err")"; else pass "default mode: no warning"; fi
  timeout 120 "$CL" padding-oracle attack -p "$PORT" --challenge "$T_TMP/etm.hex" > "$T_TMP/a2.out" 2>&1; rc=$?
  q=$(sed -n 's/^queries: \([0-9]*\) .*/\1/p' "$T_TMP/a2.out")
  if [ "$rc" -eq 1 ] && grep -q 'attack failed' "$T_TMP/a2.out" && ! grep -qF "$SECRET" "$T_TMP/a2.out"; then
    pass "attack on the encrypt-then-MAC service fails ($q queries, every answer \"error\")"
  else
    fail "attack on the encrypt-then-MAC service fails" "exit 1, attack failed" "rc=$rc: $(cat "$T_TMP/a2.out")"
  fi
  expect_eq "encrypt-then-MAC: stops after the 256 guesses of the first byte" 256 "$q"
  grep -q '^answers: 0 meaning "padding valid"' "$T_TMP/a2.out" && pass "encrypt-then-MAC: no answer says \"valid\"" ||
    fail "encrypt-then-MAC: no answer says valid" 'answers: 0 meaning "padding valid"' "$(grep '^answers' "$T_TMP/a2.out")"
fi

# 3. lab/ stays apart: no library folder includes it, the library has none of it.
inc=$(grep -rln '#include "lab/' common aes sha256 rsa net 2>/dev/null | tr '\n' ' ')
expect_eq "no library source includes lab/" "" "$inc"
if [ -f build/libcryptolab.a ]; then
  lab_syms=$(nm -g --defined-only build/libcryptolab.a 2>/dev/null | grep -c ' T lab_' || true)
  expect_eq "build/libcryptolab.a holds no lab_ function" 0 "$lab_syms"
fi

# 4. Bad use: one error line.
err=$("$CL" padding-oracle attack --challenge "$T_TMP/etm.hex" 2>&1); rc=$?
expect_eq "attack without -p: one error line" "1 1" "$rc $(printf '%s\n' "$err" | wc -l)"
err=$("$CL" padding-oracle serve --vulnerable 2>&1); rc=$?
expect_eq "serve with an unknown option: one error line" "1 1" "$rc $(printf '%s\n' "$err" | wc -l)"
finish
