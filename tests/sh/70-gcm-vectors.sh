#!/usr/bin/env bash
# 70-gcm-vectors: NIST GCMVS (encrypt and decrypt, every FAIL record) and
# the worked example with intermediate values, through `cryptolab vectors`,
# once with the default AES (AES-NI + PCLMULQDQ GHASH where the CPU has
# them) and once with the portable constant-time code (ct + Algorithm 1 GHASH).
source "$(dirname "$0")/lib.sh"

dir="$SHARED_VECTORS/cavp/gcm"
if [ ! -d "$dir" ]; then
  skip "GCMVS files" "$dir not found (set SHARED_VECTORS)"
  finish; exit $?
fi
for impl in default ct; do
  if [ "$impl" = default ]; then out=$("$CL" vectors "$dir" 2>&1); rc=$?
  else out=$(CRYPTOLAB_AES_IMPL=$impl "$CL" vectors "$dir" 2>&1); rc=$?; fi
  last=$(printf '%s\n' "$out" | tail -n 1)
  expect_eq "gcm vectors ($impl) exit status" 0 "$rc"
  case "$last" in
    *" passed, 0 failed"*) pass "gcm vectors ($impl): $last" ;;
    *) fail "gcm vectors ($impl)" "N passed, 0 failed" "$last"; printf '%s\n' "$out" | grep -v ' 0 failed' | head -20 ;;
  esac
  for f in gcmEncryptExtIV128 gcmEncryptExtIV256 gcmDecrypt128 gcmDecrypt256 AES_GCM_example; do
    line=$(printf '%s\n' "$out" | grep "/$f" | head -n 1)
    case "$line" in
      *" 0 failed"*) case "$line" in *": 0 cases"*) fail "$f ($impl) ran no case" ;; *) pass "$f ($impl)";; esac ;;
      "") skip "$f ($impl)" "file not present" ;;
      *) fail "$f ($impl)" "0 failed" "$line" ;;
    esac
  done
done
# every FAIL record in the decrypt files is a case that must be refused
n_fail=$(cat "$dir"/gcmDecrypt*.rsp 2>/dev/null | tr -d '\r' | grep -c '^FAIL$')
if [ "$n_fail" -gt 0 ]; then pass "decrypt files hold $n_fail FAIL records (all checked above)"; fi
finish
