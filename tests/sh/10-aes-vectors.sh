#!/usr/bin/env bash
# tests/sh/10-aes-vectors.sh -- AES vector files through `cryptolab vectors`:
#   1. the project's own files in vectors/aes/ (FIPS-197 Appendix A and C,
#      SP 800-38A F.1, F.2, F.5), and a damaged copy that must fail;
#   2. when $SHARED_VECTORS/cavp/aes exists: every AESAVS ECB and CBC file
#      (KAT GFSbox/KeySbox/VarKey/VarTxt, MMT, MCT; 36 files), the SP 800-38A
#      CTR .rsp, and one CFB/OFB file that must be reported as skipped.
source "$(dirname "$0")/lib.sh"

# Checks one `cryptolab vectors` line per file: cases > 0, 0 failed, nothing skipped.
check_lines() {
  local out=$1 label=$2 line
  while IFS= read -r line; do
    case $line in
      *": "*" cases, "*" passed, 0 failed"|*": "*" cases, "*" passed, 0 failed (Monte Carlo"*)
        n=${line##*: }; n=${n%% cases*}
        if [ "$n" -gt 0 ]; then pass "$label: $line"; else fail "$label: no cases: $line"; fi ;;
      *" passed, "*" failed"|*"cases skipped"*) ;;   # totals
      *) fail "$label: $line" ;;
    esac
  done < "$out"
}

# 1. project files
out="$T_TMP/own.txt"
if "$CL" vectors vectors/aes > "$out" 2>&1; then pass "cryptolab vectors vectors/aes exits 0"
else fail "cryptolab vectors vectors/aes exits 0"; cat "$out"; fi
check_lines "$out" "vectors/aes"
echo "  vectors/aes: $(tail -n 1 "$out")"
nfiles=$(grep -c ' cases, ' "$out")
expect_eq "vectors/aes: number of files run" 7 "$nfiles"

# A damaged copy must fail (the runner really compares).
mkdir -p "$T_TMP/bad"
sed 's/^round\[ 5\]\.s_box    \(..\)/round[ 5].s_box    00/' vectors/aes/fips197-appendix-c1-aes128.txt \
  > "$T_TMP/bad/fips197-appendix-c1-aes128.txt"
sed '0,/^CIPHERTEXT = 3a/s/^CIPHERTEXT = 3a/CIPHERTEXT = 3b/' vectors/aes/sp800-38a-f1-ecb.txt \
  > "$T_TMP/bad/sp800-38a-f1-ecb.txt"
sed 's/^w\[20\] = \(.*\)$/w[20] = 00000000/' vectors/aes/fips197-appendix-a-key-expansion.txt \
  > "$T_TMP/bad/fips197-appendix-a-key-expansion.txt"
for f in "$T_TMP"/bad/*; do
  if "$CL" vectors "$f" > "$T_TMP/bad.out" 2>&1; then fail "damaged $(basename "$f") is detected"
  elif grep -q "expected" "$T_TMP/bad.out"; then pass "damaged $(basename "$f") is detected"
  else fail "damaged $(basename "$f") is detected (no expected/actual printed)"; cat "$T_TMP/bad.out"; fi
done

# 2. shared NIST files
cavp="$SHARED_VECTORS/cavp/aes"
if [ -d "$cavp" ]; then
  echo "  using AESAVS files in $cavp"
  mapfile -t files < <(find "$cavp/kat" "$cavp/mmt" "$cavp/mct" -maxdepth 1 -type f \
                        \( -name 'ECB*.rsp' -o -name 'CBC*.rsp' \) 2>/dev/null | sort)
  expect_eq "AESAVS ECB/CBC KAT+MMT+MCT files found" 36 "${#files[@]}"
  out="$T_TMP/cavp.txt"
  if [ "${#files[@]}" -gt 0 ] && "$CL" vectors "${files[@]}" > "$out" 2>&1; then
    pass "cryptolab vectors on ${#files[@]} AESAVS files exits 0"
  else
    fail "cryptolab vectors on ${#files[@]} AESAVS files exits 0"
    grep -v ' 0 failed' "$out" | head -20
  fi
  check_lines "$out" "AESAVS"
  echo "  AESAVS: $(tail -n 1 "$out")"
  ctr="$cavp/sp800-38a/CTR_SP800-38A.rsp"
  if [ -f "$ctr" ]; then
    "$CL" vectors "$ctr" > "$T_TMP/ctr.txt" 2>&1 || fail "CTR_SP800-38A.rsp exits 0"
    check_lines "$T_TMP/ctr.txt" "SP 800-38A CTR"
  else
    skip "CTR_SP800-38A.rsp" "not found in $cavp/sp800-38a"
  fi
  cfb=$(find "$cavp" -name 'CFB128GFSbox128.rsp' | head -n 1)
  if [ -n "$cfb" ]; then
    line=$("$CL" vectors "$cfb" | head -n 1)
    case $line in
      *" 0 passed, 0 failed, "*" skipped"*) pass "CFB file reported as skipped, not passed" ;;
      *) fail "CFB file reported as skipped, not passed" "N cases, 0 passed, 0 failed, N skipped" "$line" ;;
    esac
  fi
else
  skip "AESAVS ECB/CBC KAT, MMT, MCT (36 files)" "$cavp not found"
fi
finish
