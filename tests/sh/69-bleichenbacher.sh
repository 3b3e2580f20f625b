#!/usr/bin/env bash
# tests/sh/69-bleichenbacher.sh -- Bleichenbacher's PKCS#1 v1.5 lab on
# 127.0.0.1 (docs/labs/bleichenbacher.md), with a 512-bit lab key:
#   - the attack SUCCEEDS against `bleichenbacher serve
#     --vulnerable-padding-errors` (loud warning): the premaster 03 03 ||
#     secret comes back and is checked (m^e = c);
#   - it FAILS against the default service (the TLS 1.2 random-premaster
#     rule: the same answer for every ciphertext).
# Servers on port 0; bounded in queries (1 500 000) and time (600 s).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/netlab.sh"

SECRET="the premaster of a TLS session, by oracle"
start() {
  local name=$1; shift
  "$CL" bleichenbacher serve --challenge "$T_TMP/$name.txt" "$@" > "$T_TMP/$name.log" 2> "$T_TMP/$name.err" &
  NL_PIDS="$NL_PIDS $!"
  if nl_wait_for "$T_TMP/$name.log" '^listening on 127\.0\.0\.1:[0-9]+$' 300; then
    PORT=$(sed -n 's/^listening on 127\.0\.0\.1://p' "$T_TMP/$name.log")
  else
    PORT=""; fail "$name server starts" "listening on 127.0.0.1:PORT" "$(cat "$T_TMP/$name.log" "$T_TMP/$name.err")"
  fi
}
text_hex=$(printf '%s' "$SECRET" | od -An -tx1 -v | tr -d ' \n')

start vuln --vulnerable-padding-errors --secret "$SECRET"
grep -q 'DELIBERATELY VULNERABLE' "$T_TMP/vuln.err" && pass "vulnerable mode prints its warning" ||
  fail "vulnerable mode prints its warning" "DELIBERATELY VULNERABLE" "$(cat "$T_TMP/vuln.err")"
if [ -n "$PORT" ]; then
  timeout 600 "$CL" bleichenbacher attack -p "$PORT" --challenge "$T_TMP/vuln.txt" --max-queries 1500000 > "$T_TMP/a1.out" 2>&1; rc=$?
  got=$(sed -n 's/^the message after the zero separator (48 bytes): //p' "$T_TMP/a1.out")
  if [ "$rc" -eq 0 ] && grep -q '^checked: m^e mod n = c$' "$T_TMP/a1.out" && [ "$got" = "0303${text_hex}2e2e2e2e2e" ]; then
    pass "attack on the leaky service recovers the premaster ($(sed -n 's/^queries: //p' "$T_TMP/a1.out"))"
  elif [ "$rc" -eq 1 ] && grep -q 'query or time limit' "$T_TMP/a1.out"; then
    fail "attack on the leaky service within 1 500 000 queries" "success" "$(tail -3 "$T_TMP/a1.out")"
  else
    fail "attack on the leaky service recovers the premaster" "exit 0, 0303${text_hex}2e2e2e2e2e" "rc=$rc: $(tail -5 "$T_TMP/a1.out")"
  fi
fi

start tls --secret "$SECRET"
if [ -n "$PORT" ]; then
  grep -q 'DELIBERATELY' "$T_TMP/tls.err" && fail "default mode: no vulnerability warning" "" "$(cat "$T_TMP/tls.err")" ||
    pass "default mode: no vulnerability warning"
  timeout 300 "$CL" bleichenbacher attack -p "$PORT" --challenge "$T_TMP/tls.txt" --max-queries 200000 > "$T_TMP/a2.out" 2>&1; rc=$?
  if [ "$rc" -eq 1 ] && grep -q 'attack failed' "$T_TMP/a2.out" && ! grep -q "$text_hex" "$T_TMP/a2.out"; then
    pass "attack on the TLS-rule service fails ($(sed -n 's/^queries: //p' "$T_TMP/a2.out"); $(sed -n 's/^answers: //p' "$T_TMP/a2.out"))"
  else
    fail "attack on the TLS-rule service fails" "exit 1, attack failed" "rc=$rc: $(tail -4 "$T_TMP/a2.out")"
  fi
fi
err=$("$CL" bleichenbacher serve -bits 768 2>&1); rc=$?
expect_eq "serve -bits 768: one error line" "1 1" "$rc $(printf '%s\n' "$err" | wc -l)"
finish
