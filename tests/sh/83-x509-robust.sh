#!/usr/bin/env bash
# tests/sh/83-x509-robust.sh -- every truncation and every single-octet
# change (xor 0x01, xor 0x80, xor 0xFF at each offset) of an openssl-made
# certificate, and of its chain's intermediate, gets a clean error from
# `cryptolab verify`: never "OK", never a crash or a sanitizer report
# (make check SAN=1 runs this under ASan+UBSan), exactly one verdict per
# file, exit status 2.  Also the certificate's PEM with damaged armour.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/x509lib.sh"
x509_corpus || { finish; exit $?; }
D=$T_TMP/m; mkdir -p "$D"
python3 - "$XC/leaf_good.der" "$XC/inter1.der" "$D" <<'X'
import sys, os, base64
leaf, inter, out = sys.argv[1], sys.argv[2], sys.argv[3]
n = 0
for tag, path in (("leaf", leaf), ("inter", inter)):
    d = open(path, "rb").read()
    for i in range(len(d)):                       # every truncation (length 0 .. len-1)
        open(os.path.join(out, "%s-t%04d.der" % (tag, i)), "wb").write(d[:i]); n += 1
    for i in range(len(d)):
        for x in (0x01, 0x80, 0xFF):
            b = bytearray(d); b[i] ^= x
            open(os.path.join(out, "%s-c%04d-%02x.der" % (tag, i, x)), "wb").write(bytes(b)); n += 1
pem = base64.encodebytes(open(leaf, "rb").read()).decode()
lines = pem.split("\n")
cases = {
  "pem-no-end": "-----BEGIN CERTIFICATE-----\n" + pem,
  "pem-bad-char": "-----BEGIN CERTIFICATE-----\n" + pem.replace("A", "*", 1) + "-----END CERTIFICATE-----\n",
  "pem-wrong-end": "-----BEGIN CERTIFICATE-----\n" + pem + "-----END X509 CRL-----\n",
  "pem-blank-line": "-----BEGIN CERTIFICATE-----\n" + lines[0] + "\n\n" + "\n".join(lines[1:]) + "-----END CERTIFICATE-----\n",
  "pem-short-body": "-----BEGIN CERTIFICATE-----\n" + lines[0][:-1] + "\n-----END CERTIFICATE-----\n",
  "pem-empty": "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n",
}
for k, v in cases.items():
    open(os.path.join(out, k + ".pem"), "w").write(v); n += 1

X
total=$(ls "$D" | wc -l)
# one process for all of them; the leaf's damaged copies with the good
# intermediate, the intermediate's as the leaf (its issuer root1 trusted)
( cd "$D" && "$CL" verify -CAfile "$XC/root1.pem" -untrusted "$XC/inter1.pem" -attime "$T_AT" -- *.der *.pem ) \
  > "$T_TMP/out" 2> "$T_TMP/err"; rc=$?
expect_eq "exit status 2 (some certificate failed)" 2 "$rc"
expect_eq "no damaged certificate verifies" 0 "$(grep -c ': OK$' "$T_TMP/out")"
if grep -q -E 'runtime error|AddressSanitizer|LeakSanitizer' "$T_TMP/err"; then
  fail "no sanitizer report" "" "$(grep -m3 -E 'runtime error|Sanitizer' "$T_TMP/err")"; else pass "no sanitizer report"; fi
verdicts=$(grep -c -E '^(error .*: verification failed|Unable to load certificate file)$' "$T_TMP/err")
expect_eq "one verdict per damaged file ($total files)" "$total" "$verdicts"
unreadable=$(grep -c '^Unable to load certificate file$' "$T_TMP/err")
echo "  x509 robust: $total damaged certificates: $unreadable refused as malformed, $((verdicts - unreadable)) parsed and refused by verification, 0 accepted"
finish
