#!/usr/bin/env bash
# tests/x509/make-fuzz-seeds.sh -- the seed inputs of the X.509 fuzz targets
# (tests/fuzz/fuzz_x509.c, fuzz_csr.c): the certificates of vectors/x509/
# as DER and PEM, a chain file, and requests written by our own writer for
# vectors/rsa/keys/key2048.pem.  Regenerate with this script (run from the
# top of the tree, on a built tree); the files are named x509-* / csr-*.
set -eu
cd "$(dirname "$0")/../.."
CL=bin/cryptolab
X=tests/fuzz/corpus/x509; C=tests/fuzz/corpus/csr
rm -f "$X"/x509-* "$C"/csr-*
for f in vectors/x509/*.pem; do
  b=$(basename "$f" .pem)
  case $b in psskey-pub) continue ;; esac
  "$CL" x509 -in "$f" -outform DER -out "$X/x509-$b.der"
done
cp vectors/x509/leaf_good.pem "$X/x509-leaf_good.pem"
cat vectors/x509/leaf_good.pem vectors/x509/inter1.pem vectors/x509/root1.pem > "$X/x509-chain.pem"
K=vectors/rsa/keys/key2048.pem
"$CL" req -new -key "$K" -subj "/C=FR/O=Seed/CN=seed.example" -outform DER -out "$C/csr-plain.der"
"$CL" req -new -key "$K" -subj "/CN=seed.example+O=multi" -addext "subjectAltName=DNS:seed.example,IP:10.0.0.1,email:a@b.example" \
  -addext "keyUsage=critical,digitalSignature" -addext "extendedKeyUsage=serverAuth,clientAuth" \
  -addext "basicConstraints=critical,CA:TRUE,pathlen:1" -outform DER -out "$C/csr-extensions.der"
"$CL" req -new -key "$K" -subj "/CN=pss.example" -sigopt rsa_padding_mode:pss -out "$C/csr-pss.pem"
ls "$X" "$C" | grep -c -E '^(x509|csr)-'
