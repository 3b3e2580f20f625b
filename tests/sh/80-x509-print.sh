#!/usr/bin/env bash
# tests/sh/80-x509-print.sh -- `cryptolab x509` and `cryptolab req` print
# what openssl prints, byte for byte, for every certificate and request of
# the openssl-made corpus (tests/x509/make-corpus.sh): -text, -subject,
# -issuer, -dates, -serial, -fingerprint (SHA-1 and -sha256), -pubkey,
# -modulus, -ext, the options in the order given; the certificate itself
# (PEM, DER); req -text -subject -pubkey.
# Covered by the corpus: v1 and v3, serials 0, 1, -1, -256, 2^63-1, 2^63,
# 20 octets; names with escapes, UTF-8, a tab, a multi-valued RDN; RSA and
# RSA-PSS keys; sha256WithRSAEncryption and RSASSA-PSS signatures; every
# extension form we decode, Netscape Comment, an unknown extension.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/x509lib.sh"
x509_corpus || { finish; exit $?; }

cases=0; same=0
compare() {   # NAME -- openssl ARGS... (ours: the same arguments)
  local name=$1; shift
  cases=$((cases + 1))
  openssl "$@" > "$T_TMP/want" 2>&1
  "$CL" "$@" > "$T_TMP/got" 2>&1
  if cmp -s "$T_TMP/want" "$T_TMP/got"; then same=$((same + 1)); pass "$name"; else
    same_output "$name" "$T_TMP/want" "$T_TMP/got"; fi
}

OPTS=("-text" "-subject -issuer -dates -serial -fingerprint -sha256 -pubkey" "-fingerprint -modulus -startdate"
      "-ext subjectAltName,keyUsage,basicConstraints,authorityKeyIdentifier,extendedKeyUsage,subjectKeyIdentifier"
      "-serial -text -subject" "-enddate -issuer")
for f in "$XC"/*.pem; do
  b=$(basename "$f")
  case $b in chain_*) continue ;; esac
  for o in "${OPTS[@]}"; do
    # shellcheck disable=SC2086
    compare "x509 $o: $b" x509 -in "$f" -noout $o
  done
  compare "x509 (PEM out): $b" x509 -in "$f"
  compare "x509 -outform DER: $b" x509 -in "$f" -outform DER
done
for f in "$XC"/*.csr; do
  compare "req -text -subject -pubkey: $(basename "$f")" req -in "$f" -noout -text -subject -pubkey
done
compare "x509 -inform DER -text" x509 -in "$XC/leaf_good.der" -inform DER -noout -text
echo "  x509 print: $same of $cases outputs identical to openssl's"
finish
