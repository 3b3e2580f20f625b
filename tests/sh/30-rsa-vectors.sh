#!/usr/bin/env bash
# tests/sh/30-rsa-vectors.sh -- RSA vector files through `cryptolab vectors`:
# the project's own known answers (vectors/rsa), NIST CAVP FIPS 186-3 RSA files
# and RSA Laboratories' PKCS #1 files from $SHARED_VECTORS; then the
# `rsa-trace` output against RSA Labs' worked examples oaep-int.txt / pss-int.txt.
source "$(dirname "$0")/lib.sh"

# run_vectors NAME PATH MIN_PASSED: no failure, at least MIN_PASSED cases passed
run_vectors() {
  local name=$1 path=$2 min=$3 out passed failed
  out=$("$CL" vectors "$path" 2>&1)
  local rc=$?
  passed=$(printf '%s\n' "$out" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed.*/\1/p' | tail -1)
  failed=$(printf '%s\n' "$out" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed.*/\2/p' | tail -1)
  if [ "$rc" -eq 0 ] && [ "${failed:-1}" -eq 0 ] && [ "${passed:-0}" -ge "$min" ]; then
    pass "$name"
    printf '%s\n' "$out" | grep ' cases, .*skipped' | sed 's/^/    /' || true
  else
    fail "$name" "0 failed, >= $min passed" "rc $rc: $(printf '%s\n' "$out" | grep -E 'FAIL|ERROR|passed' | head -5)"
  fi
}

run_vectors "own known answers (vectors/rsa)" vectors/rsa 31

CAVP=$SHARED_VECTORS/cavp/rsa
P1=$SHARED_VECTORS/pkcs1
# expected SHA-256 (+ SHA-1) counts: see the files' [mod]/SHAAlg records
if [ -d "$CAVP" ]; then
  run_vectors "CAVP SigGen15_186-3.txt (recomputed with d)" "$CAVP/SigGen15_186-3.txt" 60
  run_vectors "CAVP SigGenPSS_186-3.txt (recomputed with d, SaltVal)" "$CAVP/SigGenPSS_186-3.txt" 60
  run_vectors "CAVP SigGen15_186-3.rsp (verified)" "$CAVP/SigGen15_186-3.rsp" 60
  run_vectors "CAVP SigGenPSS_186-3.rsp (verified)" "$CAVP/SigGenPSS_186-3.rsp" 60
  run_vectors "CAVP SigVer15_186-3.rsp (verdict = Result)" "$CAVP/SigVer15_186-3.rsp" 108
  run_vectors "CAVP SigVerPSS_186-3.rsp (verdict = Result)" "$CAVP/SigVerPSS_186-3.rsp" 108
  run_vectors "CAVP KeyGen_RandomProbablyPrime3_3.rsp (consistency)" "$CAVP/KeyGen_RandomProbablyPrime3_3.rsp" 40
else
  skip "NIST CAVP RSA files" "$CAVP not found (set SHARED_VECTORS)"
fi
if [ -d "$P1" ]; then
  run_vectors "RSA Labs oaep-vect.txt (SHA-1)" "$P1/oaep-vect.txt" 60
  run_vectors "RSA Labs pss-vect.txt (SHA-1)" "$P1/pss-vect.txt" 60
  run_vectors "RSA Labs pkcs1v15sign-vectors.txt (SHA-1)" "$P1/pkcs1v15sign-vectors.txt" 300
else
  skip "RSA Laboratories PKCS #1 files" "$P1 not found (set SHARED_VECTORS)"
fi

# ---- rsa-trace against the worked examples
# hexof FILE LABEL: the octets under "# LABEL" up to the next blank or comment line
hexof() { awk -v L="# $2" 'index($0,L)==1{f=1;next} f&&(/^[ \t\r]*$/||/^#/){exit} f{print}' "$1" | tr -d ' \t\r\n'; }
# same_field NAME REFERENCE OURS LABEL: the value under LABEL must exist and be equal
same_field() {
  local want got
  want=$(hexof "$2" "$4"); got=$(hexof "$3" "$4")
  if [ -z "$want" ]; then fail "$1: $4 (label not found in $2)"; return; fi
  expect_eq "$1: $4" "$want" "$got"
}

if [ -f "$P1/oaep-int.txt" ]; then
  # the key: the RSAPrivateKey DER printed at the end of oaep-int.txt
  sed -n '/^# RSAPrivateKey/,/^# PrivateKeyInfo/p' "$P1/oaep-int.txt" | grep -v '^#' | tr -d ' \t\r\n' \
    | sed 's/../\\x&/g' | xargs -0 printf '%b' > "$T_TMP/oaep-int.der"
  M=$(hexof "$P1/oaep-int.txt" "Message M to be encrypted")
  SEED=$(hexof "$P1/oaep-int.txt" "seed:")
  if "$CL" rsa-trace oaep-encrypt -inkey "$T_TMP/oaep-int.der" -msg "$M" -seed "$SEED" -sha1 \
        -out "$T_TMP/oi.bin" > "$T_TMP/oi.txt" 2>&1; then
    for f in "lHash:" "DB:" "seed:" "dbMask:" "maskedDB:" "seedMask:" "maskedSeed:" \
             "EM = 00 || maskedSeed || maskedDB:" "Ciphertext, the RSA encryption of EM:"; do
      same_field "oaep-int.txt encryption" "$P1/oaep-int.txt" "$T_TMP/oi.txt" "$f"
    done
  else
    fail "rsa-trace oaep-encrypt (oaep-int.txt key)" "exit 0" "$(head -2 "$T_TMP/oi.txt")"
  fi
  if "$CL" rsa-trace oaep-decrypt -inkey "$T_TMP/oaep-int.der" -in "$T_TMP/oi.bin" -sha1 \
        -out "$T_TMP/od.bin" > "$T_TMP/od.txt" 2>&1; then
    for f in "c mod p:" "c mod q:" "m1:" "m2:" "h:" "m:"; do
      same_field "oaep-int.txt CRT decryption" "$P1/oaep-int.txt" "$T_TMP/od.txt" "$f"
    done
    expect_eq "oaep-int.txt decrypted message" "$M" "$(od -An -tx1 -v "$T_TMP/od.bin" | tr -d ' \n')"
  else
    fail "rsa-trace oaep-decrypt (oaep-int.txt key)" "exit 0" "$(head -2 "$T_TMP/od.txt")"
  fi
else
  skip "rsa-trace vs oaep-int.txt" "$P1/oaep-int.txt not found"
fi

if [ -f "$P1/pss-int.txt" ] && have python3; then
  # pss-int.txt prints the key components but no DER: build an RSAPrivateKey
  # (d recomputed as e^-1 mod lcm(p-1, q-1); dP, dQ, qInv as printed).
  python3 - "$P1/pss-int.txt" "$T_TMP/pss-int.der" <<'PY'
import sys, re, math
t = open(sys.argv[1]).read()
def f(label):
    m = re.search(r'^# ' + re.escape(label) + r'\s*\n((?:[0-9a-f \t]+\n)+)', t, re.M)
    return int(''.join(m.group(1).split()), 16)
n, e, p, q = f('RSA modulus n:'), f('RSA public exponent e:'), f('Prime p:'), f('Prime q:')
dP, dQ, qi = f("p's CRT exponent dP:"), f("q's CRT exponent dQ:"), f('CRT coefficient qInv:')
lam = (p - 1) * (q - 1) // math.gcd(p - 1, q - 1)
d = pow(e, -1, lam)
def der_len(n):
    return bytes([n]) if n < 128 else bytes([0x80 | ((n.bit_length() + 7) // 8)]) + n.to_bytes((n.bit_length() + 7) // 8, 'big')
def der_int(x):
    b = x.to_bytes(max(1, (x.bit_length() + 8) // 8), 'big')
    return b'\x02' + der_len(len(b)) + b
body = b''.join(der_int(x) for x in (0, n, e, d, p, q, dP, dQ, qi))
open(sys.argv[2], 'wb').write(b'\x30' + der_len(len(body)) + body)
PY
  M=$(hexof "$P1/pss-int.txt" "Message M to be signed:")
  SALT=$(hexof "$P1/pss-int.txt" "salt:")
  if "$CL" rsa-trace pss-sign -inkey "$T_TMP/pss-int.der" -msg "$M" -salt "$SALT" -sha1 \
        > "$T_TMP/ps.txt" 2>&1; then
    for f in "mHash:" "salt:" "M':" "H:" "DB:" "dbMask:" "maskedDB:" "Encoded message EM:" \
             "Signature S, the RSA decryption of EM:"; do
      same_field "pss-int.txt" "$P1/pss-int.txt" "$T_TMP/ps.txt" "$f"
    done
  else
    fail "rsa-trace pss-sign (pss-int.txt key)" "exit 0" "$(head -2 "$T_TMP/ps.txt")"
  fi
else
  skip "rsa-trace vs pss-int.txt" "pss-int.txt or python3 (to build its key) missing"
fi

finish
