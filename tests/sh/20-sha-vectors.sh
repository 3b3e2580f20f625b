#!/usr/bin/env bash
# tests/sh/20-sha-vectors.sh -- SHA-256 / HMAC / HKDF vector files and the
# sha256-trace command against NIST's worked examples.
#   - vectors/sha256/ (FIPS 180-4 examples, NIST traces, RFC 4231, RFC 5869)
#   - $SHARED_VECTORS: SHAVS SHA256ShortMsg/LongMsg/Monte, HMACVS HMAC.rsp
#     [L=32], RFC 5869 (pyca layout) -- 65 / 64 / 100 / 225 / 3 cases
#   - tampered copies must FAIL with expected and actual values printed
#   - `cryptolab sha256-trace` prints every line of the trace vector files
source "$(dirname "$0")/lib.sh"

# run_expect NAME FILE CASES PASSED : `cryptolab vectors FILE` must say
# "FILE: CASES cases, PASSED passed, 0 failed" and exit 0.
run_expect() {
  local name=$1 file=$2 cases=$3 passed=$4 out rc
  out=$("$CL" vectors "$file" 2>&1); rc=$?
  local line
  line=$(printf '%s\n' "$out" | grep -F "$file:" | head -1)
  if [ $rc -eq 0 ] && printf '%s' "$line" | grep -q ": $cases cases, $passed passed, 0 failed"; then
    pass "$name"
  else
    fail "$name" "$file: $cases cases, $passed passed, 0 failed (exit 0)" "$line (exit $rc)"
    printf '%s\n' "$out" | head -20
  fi
}

# ---- project vectors
run_expect "FIPS 180-4 examples" vectors/sha256/fips180-4-examples.rsp 4 4
run_expect "RFC 4231 HMAC-SHA-256 cases 1-7" vectors/sha256/rfc4231-hmac-sha256.rsp 7 7
run_expect "RFC 5869 A.1-A.3" vectors/sha256/rfc5869-hkdf-sha256.txt 3 3
run_expect "NIST trace abc" vectors/sha256/sha256-trace-abc.txt 97 97
run_expect "NIST trace two-block" vectors/sha256/sha256-trace-two-block.txt 185 185

# ---- shared NIST / RFC vectors
if [ -d "$SHARED_VECTORS/cavp/sha" ]; then
  run_expect "SHAVS SHA256ShortMsg" "$SHARED_VECTORS/cavp/sha/SHA256ShortMsg.rsp" 65 65
  run_expect "SHAVS SHA256LongMsg" "$SHARED_VECTORS/cavp/sha/SHA256LongMsg.rsp" 64 64
  run_expect "SHAVS SHA256Monte (100 checkpoints)" "$SHARED_VECTORS/cavp/sha/SHA256Monte.rsp" 100 100
else
  skip "SHAVS SHA256ShortMsg/LongMsg/Monte" "$SHARED_VECTORS/cavp/sha not found"
fi
if [ -f "$SHARED_VECTORS/cavp/hmac/HMAC.rsp" ]; then
  out=$("$CL" vectors "$SHARED_VECTORS/cavp/hmac/HMAC.rsp"); rc=$?
  if [ $rc -eq 0 ] && printf '%s' "$out" | grep -q ": 1575 cases, 225 passed, 0 failed, 1350 skipped"; then
    pass "HMACVS [L=32] 225 cases (other sections skipped)"
  else
    fail "HMACVS [L=32]" "1575 cases, 225 passed, 0 failed, 1350 skipped" "$out"
  fi
else
  skip "HMACVS HMAC.rsp" "$SHARED_VECTORS/cavp/hmac/HMAC.rsp not found"
fi
if [ -f "$SHARED_VECTORS/rfc5869/rfc-5869-HKDF-SHA256.txt" ]; then
  run_expect "RFC 5869 (shared, pyca layout)" "$SHARED_VECTORS/rfc5869/rfc-5869-HKDF-SHA256.txt" 3 3
else
  skip "RFC 5869 shared file" "$SHARED_VECTORS/rfc5869/rfc-5869-HKDF-SHA256.txt not found"
fi

# ---- a whole directory: exit 0 and "N passed, 0 failed"
out=$("$CL" vectors vectors/sha256); rc=$?
# (296 SHA-256/HMAC/HKDF cases + the 12 PBKDF2 cases of pbkdf2.txt)
expect_eq "vectors/sha256 directory" "0 308 passed, 0 failed" "$rc $(printf '%s\n' "$out" | tail -1)"

# ---- tampered copies must fail, printing expected and actual
tamper() {   # NAME FILE SED-EXPR
  local name=$1 src=$2 expr=$3 copy out rc
  copy="$T_TMP/$(basename "$src")"
  sed "$expr" "$src" > "$copy"
  if cmp -s "$src" "$copy"; then fail "$name (tamper had no effect)"; return; fi
  out=$("$CL" vectors "$copy"); rc=$?
  if [ $rc -eq 1 ] && printf '%s' "$out" | grep -q "1 failed" &&
     printf '%s' "$out" | grep -q "expected" && printf '%s' "$out" | grep -q "actual"; then
    pass "$name"
  else
    fail "$name" "exit 1, 1 failed, expected/actual printed" "exit $rc: $out"
  fi
}
tamper "tampered SHA digest fails" vectors/sha256/fips180-4-examples.rsp '0,/^MD = ba/s/^MD = ba/MD = bb/'
tamper "tampered HMAC fails" vectors/sha256/rfc4231-hmac-sha256.rsp '0,/^Mac = a3/s/^Mac = a3/Mac = a4/'
tamper "tampered OKM fails" vectors/sha256/rfc5869-hkdf-sha256.txt '0,/^OKM  = 3c/s/^OKM  = 3c/OKM  = 3d/'
tamper "tampered trace row fails" vectors/sha256/sha256-trace-abc.txt 's/^t=63: 506E3058/t=63: 506E3059/'

# ---- malformed input is an error, never a crash or a pass
printf '[L = 32]\n\nLen = 8\nMsg = zz\nMD = 00\n' > "$T_TMP/bad.rsp"
"$CL" vectors "$T_TMP/bad.rsp" > /dev/null 2> "$T_TMP/err"; rc=$?
if [ $rc -eq 1 ] && grep -q "^cryptolab vectors: $T_TMP/bad.rsp: " "$T_TMP/err"; then pass "malformed SHAVS record is an error (on stderr)"
else fail "malformed SHAVS record is an error (on stderr)" "exit 1 + cryptolab vectors: FILE: ..." "exit $rc: $(cat "$T_TMP/err")"; fi
printf 'COUNT = 1\nHash = SHA-256\nIKM = 0b\nL = 5\n' > "$T_TMP/bad-hkdf.txt"
"$CL" vectors "$T_TMP/bad-hkdf.txt" > /dev/null 2> "$T_TMP/err"; rc=$?
if [ $rc -eq 1 ] && grep -q "^cryptolab vectors: $T_TMP/bad-hkdf.txt: " "$T_TMP/err"; then pass "incomplete RFC 5869 record is an error (on stderr)"
else fail "incomplete RFC 5869 record is an error (on stderr)" "exit 1 + cryptolab vectors: FILE: ..." "exit $rc: $(cat "$T_TMP/err")"; fi

# ---- sha256-trace prints NIST's values in NIST's layout: every data line of
# the trace vector file appears in the command's output, in order.
trace_check() {   # NAME FILE MESSAGE
  local name=$1 file=$2 msg=$3 missing
  "$CL" sha256-trace "$msg" > "$T_TMP/trace.out" || { fail "$name (exit status)"; return; }
  missing=$(awk 'NR == FNR { if ($0 !~ /^#/ && $0 != "") want[n++] = $0; next }
                 i < n && $0 == want[i] { i++ }
                 END { if (i < n) print "line not found in order: " want[i] }' "$file" "$T_TMP/trace.out")
  if [ -z "$missing" ]; then pass "$name"; else fail "$name" "every line of $file" "$missing"; fi
}
trace_check "sha256-trace abc = NIST one-block example" vectors/sha256/sha256-trace-abc.txt abc
trace_check "sha256-trace two-block = NIST example" vectors/sha256/sha256-trace-two-block.txt \
  abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq
out=$("$CL" sha256-trace abc)
expect_eq "trace t=0 row" "t= 0: 5D6AEBCD 6A09E667 BB67AE85 3C6EF372 FA2A4622 510E527F 9B05688C 1F83D9AB" \
  "$(printf '%s\n' "$out" | grep '^t= 0:')"
expect_eq "trace t=63 row" "t=63: 506E3058 D39A2165 04D24D6C B85E2CE9 5EF50F24 FB121210 948D25B6 961F4894" \
  "$(printf '%s\n' "$out" | grep '^t=63:')"
expect_eq "trace -hex gives the same rows" "$(printf '%s\n' "$out" | grep '^t=\|^W\[\|^H\[')" \
  "$("$CL" sha256-trace -hex 616263 | grep '^t=\|^W\[\|^H\[')"
# the schedule W[16..63] that NIST does not print, against an independent
# computation by the library's unit-tested functions: W[16] of "abc"
expect_eq "trace W[16] of abc" "W[16] = 61626380" "$(printf '%s\n' "$out" | grep '^W\[16\]')"
# every digest printed by the trace is the real digest (empty and 3 blocks)
for m in "" "$(printf 'x%.0s' $(seq 1 150))"; do
  got=$("$CL" sha256-trace "$m" | sed -n 's/^Message Digest = //p' | tr -d ' ' | tr A-F a-f)
  want=$(printf '%s' "$m" | "$CL" sha256sum | cut -c1-64)
  expect_eq "trace digest of ${#m}-byte message" "$want" "$got"
done
"$CL" sha256-trace >/dev/null 2>&1; expect_eq "sha256-trace without MESSAGE fails" 1 $?
"$CL" sha256-trace -hex 6g >/dev/null 2>&1; expect_eq "sha256-trace -hex with bad hex fails" 1 $?
finish
