#!/usr/bin/env bash
# tests/sh/31-rsa-openssl.sh -- RSA interop with the `openssl` binary (a test
# oracle only), both directions, at 2048, 3072 and 4096 bits:
#   RSAES-OAEP (SHA-256, with and without a label) and RSAES-PKCS1-v1_5 ciphertexts,
#   RSASSA-PSS and RSASSA-PKCS1-v1_5 signatures through `pkeyutl` and `dgst`
#   (v1.5 signatures byte-identical), with keys made by openssl and by cryptolab;
# then bad inputs: one clear line on stderr, exit 1, no output file.
source "$(dirname "$0")/lib.sh"

if ! have openssl; then
  skip "all RSA interop checks" "openssl not installed"
  finish; exit $?
fi

OAEP=(-pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256)
PSS=(-pkeyopt rsa_padding_mode:pss -pkeyopt digest:sha256)
D=$T_TMP

# ok NAME CMD...: the command succeeds
ok() { local n=$1; shift; if "$@" > "$D/out.log" 2>&1; then pass "$n"; else fail "$n" "exit 0" "$(head -3 "$D/out.log")"; fi; }
# same NAME FILE1 FILE2
same() { if cmp -s "$2" "$3"; then pass "$1"; else fail "$1" "$(od -An -tx1 "$2" | head -2)" "$(od -An -tx1 "$3" | head -2)"; fi; }

interop() {   # interop TAG KEY PUB
  local t=$1 k=$2 pub=$3
  head -c 100 /dev/urandom > "$D/m.bin"
  # OAEP, both directions, with and without a label
  ok "$t OAEP cryptolab -> openssl" "$CL" pkeyutl -encrypt -pubin -inkey "$pub" -in "$D/m.bin" -out "$D/c1" "${OAEP[@]}"
  ok "$t   openssl decrypts" openssl pkeyutl -decrypt -inkey "$k" -in "$D/c1" -out "$D/p1" "${OAEP[@]}"
  same "$t   plaintext" "$D/m.bin" "$D/p1"
  ok "$t OAEP openssl -> cryptolab" openssl pkeyutl -encrypt -pubin -inkey "$pub" -in "$D/m.bin" -out "$D/c2" "${OAEP[@]}"
  ok "$t   cryptolab decrypts" "$CL" pkeyutl -decrypt -inkey "$k" -in "$D/c2" -out "$D/p2" "${OAEP[@]}"
  same "$t   plaintext" "$D/m.bin" "$D/p2"
  ok "$t OAEP+label cryptolab -> openssl" "$CL" pkeyutl -encrypt -inkey "$k" -in "$D/m.bin" -out "$D/c3" "${OAEP[@]}" -pkeyopt rsa_oaep_label:0102ff
  ok "$t   openssl decrypts" openssl pkeyutl -decrypt -inkey "$k" -in "$D/c3" -out "$D/p3" "${OAEP[@]}" -pkeyopt rsa_oaep_label:0102ff
  same "$t   plaintext" "$D/m.bin" "$D/p3"
  ok "$t OAEP+label openssl -> cryptolab" openssl pkeyutl -encrypt -inkey "$k" -in "$D/m.bin" -out "$D/c4" "${OAEP[@]}" -pkeyopt rsa_oaep_label:0102ff
  ok "$t   cryptolab decrypts" "$CL" pkeyutl -decrypt -inkey "$k" -in "$D/c4" -out "$D/p4" "${OAEP[@]}" -pkeyopt rsa_oaep_label:0102ff
  same "$t   plaintext" "$D/m.bin" "$D/p4"
  # PKCS #1 v1.5 encryption (pkeyutl's default padding)
  ok "$t v1.5 enc cryptolab -> openssl" "$CL" pkeyutl -encrypt -pubin -inkey "$pub" -in "$D/m.bin" -out "$D/c5"
  ok "$t   openssl decrypts" openssl pkeyutl -decrypt -inkey "$k" -in "$D/c5" -out "$D/p5"
  same "$t   plaintext" "$D/m.bin" "$D/p5"
  ok "$t v1.5 enc openssl -> cryptolab" openssl pkeyutl -encrypt -pubin -inkey "$pub" -in "$D/m.bin" -out "$D/c6"
  ok "$t   cryptolab decrypts" "$CL" pkeyutl -decrypt -inkey "$k" -in "$D/c6" -out "$D/p6"
  same "$t   plaintext" "$D/m.bin" "$D/p6"

  # signatures over a file with dgst
  head -c 3000 /dev/urandom > "$D/f.bin"
  ok "$t dgst v1.5 sign" "$CL" dgst -sha256 -sign "$k" -out "$D/s1" "$D/f.bin"
  openssl dgst -sha256 -sign "$k" -out "$D/s1o" "$D/f.bin"
  same "$t   v1.5 signature byte-identical to openssl" "$D/s1o" "$D/s1"
  expect_eq "$t   openssl dgst -verify" "Verified OK" "$(openssl dgst -sha256 -verify "$pub" -signature "$D/s1" "$D/f.bin" 2>&1)"
  expect_eq "$t   cryptolab dgst -verify (openssl's)" "Verified OK" "$("$CL" dgst -sha256 -verify "$pub" -signature "$D/s1o" "$D/f.bin" 2>&1)"
  ok "$t dgst PSS sign" "$CL" dgst -sha256 -sign "$k" -sigopt rsa_padding_mode:pss -out "$D/s2" "$D/f.bin"
  expect_eq "$t   openssl verifies (auto salt)" "Verified OK" \
    "$(openssl dgst -sha256 -verify "$pub" -sigopt rsa_padding_mode:pss -signature "$D/s2" "$D/f.bin" 2>&1)"
  expect_eq "$t   openssl verifies (salt 32)" "Verified OK" \
    "$(openssl dgst -sha256 -verify "$pub" -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 -signature "$D/s2" "$D/f.bin" 2>&1)"
  openssl dgst -sha256 -sign "$k" -sigopt rsa_padding_mode:pss -out "$D/s3" "$D/f.bin"
  expect_eq "$t dgst PSS openssl (salt max) -> cryptolab" "Verified OK" \
    "$("$CL" dgst -sha256 -verify "$pub" -sigopt rsa_padding_mode:pss -signature "$D/s3" "$D/f.bin" 2>&1)"
  expect_eq "$t   ... with rsa_pss_saltlen:max" "Verified OK" \
    "$("$CL" dgst -sha256 -verify "$pub" -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:max -signature "$D/s3" "$D/f.bin" 2>&1)"
  openssl dgst -sha256 -sign "$k" -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:0 -out "$D/s4" "$D/f.bin"
  expect_eq "$t dgst PSS openssl (salt 0) -> cryptolab" "Verified OK" \
    "$("$CL" dgst -sha256 -verify "$pub" -sigopt rsa_padding_mode:pss -signature "$D/s4" "$D/f.bin" 2>&1)"

  # signatures over a digest with pkeyutl
  openssl dgst -sha256 -binary -out "$D/h.bin" "$D/f.bin"
  ok "$t pkeyutl PSS sign" "$CL" pkeyutl -sign -inkey "$k" -in "$D/h.bin" -out "$D/s5" "${PSS[@]}"
  expect_eq "$t   openssl pkeyutl -verify" "Signature Verified Successfully" \
    "$(openssl pkeyutl -verify -pubin -inkey "$pub" -in "$D/h.bin" -sigfile "$D/s5" "${PSS[@]}" 2>&1)"
  openssl pkeyutl -sign -inkey "$k" -in "$D/h.bin" -out "$D/s6" "${PSS[@]}"
  expect_eq "$t pkeyutl PSS openssl -> cryptolab" "Signature Verified Successfully" \
    "$("$CL" pkeyutl -verify -pubin -inkey "$pub" -in "$D/h.bin" -sigfile "$D/s6" "${PSS[@]}" 2>&1)"
  ok "$t pkeyutl v1.5 sign (digest:sha256)" "$CL" pkeyutl -sign -inkey "$k" -in "$D/h.bin" -out "$D/s7" -pkeyopt digest:sha256
  same "$t   identical to openssl pkeyutl and dgst" "$D/s1o" "$D/s7"
  expect_eq "$t   cryptolab pkeyutl -verify" "Signature Verified Successfully" \
    "$("$CL" pkeyutl -verify -pubin -inkey "$pub" -in "$D/h.bin" -sigfile "$D/s1o" -pkeyopt digest:sha256 2>&1)"
}

for bits in 2048 3072 4096; do
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:$bits -out "$D/k$bits.pem" 2>/dev/null
  openssl pkey -in "$D/k$bits.pem" -pubout -out "$D/p$bits.pem"
  interop "openssl-key-$bits" "$D/k$bits.pem" "$D/p$bits.pem"
done

# a key made by cryptolab (genrsa), used by openssl
if "$CL" genrsa -out "$D/ours.pem" 2048 2>/dev/null; then
  "$CL" pkey -in "$D/ours.pem" -pubout -out "$D/ours.pub"
  interop "cryptolab-key-2048" "$D/ours.pem" "$D/ours.pub"
else
  fail "cryptolab genrsa 2048"
fi

# ---- bad inputs: one line on stderr, exit 1, nothing written
# bad NAME OUTFILE CMD...
bad() {
  local n=$1 o=$2; shift 2
  rm -f "$o"
  "$@" > "$D/bad.out" 2> "$D/bad.err"
  local rc=$? lines
  lines=$(wc -l < "$D/bad.err")
  if [ $rc -eq 1 ] && [ "$lines" -eq 1 ] && grep -q '^cryptolab ' "$D/bad.err" && [ ! -e "$o" ]; then
    pass "$n"
    [ -n "${VERBOSE:-}" ] && sed 's/^/       /' "$D/bad.err"
  else
    fail "$n" "exit 1, one line on stderr, no $o" "exit $rc, $lines lines: $(head -2 "$D/bad.err")"
  fi
}
K=$D/k2048.pem P=$D/p2048.pem
# An OAEP ciphertext whose raw EM does not happen to look like PKCS#1 v1.5
# (EM[1] = 0x02 about 1 time in 256), so "wrong padding mode" below is a
# deterministic failure rather than a 1-in-400 flake.
for _try in 1 2 3 4 5 6 7 8 9 10; do
  openssl pkeyutl -encrypt -pubin -inkey "$P" -in "$D/m.bin" -out "$D/good" "${OAEP[@]}"
  em1=$("$CL" pkeyutl -decrypt -inkey "$K" -in "$D/good" -pkeyopt rsa_padding_mode:none 2>/dev/null | od -An -tx1 -j1 -N1 | tr -d ' ')
  [ "$em1" != "02" ] && break
done
head -c 255 "$D/good" > "$D/trunc"; { cat "$D/good"; printf 'x'; } > "$D/over"
bad "truncated ciphertext" "$D/x" "$CL" pkeyutl -decrypt -inkey "$K" -in "$D/trunc" -out "$D/x" "${OAEP[@]}"
bad "oversized ciphertext" "$D/x" "$CL" pkeyutl -decrypt -inkey "$K" -in "$D/over" -out "$D/x" "${OAEP[@]}"
bad "public key for -decrypt (-pubin)" "$D/x" "$CL" pkeyutl -decrypt -pubin -inkey "$P" -in "$D/good" -out "$D/x" "${OAEP[@]}"
bad "public key file for -decrypt" "$D/x" "$CL" pkeyutl -decrypt -inkey "$P" -in "$D/good" -out "$D/x" "${OAEP[@]}"
bad "public key for dgst -sign" "$D/x" "$CL" dgst -sha256 -sign "$P" -out "$D/x" "$D/f.bin"
bad "wrong padding mode (v1.5 on OAEP)" "$D/x" "$CL" pkeyutl -decrypt -inkey "$K" -in "$D/good" -out "$D/x"
bad "wrong OAEP label" "$D/x" "$CL" pkeyutl -decrypt -inkey "$K" -in "$D/good" -out "$D/x" "${OAEP[@]}" -pkeyopt rsa_oaep_label:00
bad "message too long for OAEP" "$D/x" "$CL" pkeyutl -encrypt -pubin -inkey "$P" -in "$D/f.bin" -out "$D/x" "${OAEP[@]}"
bad "oaep without rsa_oaep_md" "$D/x" "$CL" pkeyutl -encrypt -pubin -inkey "$P" -in "$D/m.bin" -out "$D/x" -pkeyopt rsa_padding_mode:oaep
bad "pss without digest" "$D/x" "$CL" pkeyutl -sign -inkey "$K" -in "$D/h.bin" -out "$D/x" -pkeyopt rsa_padding_mode:pss
bad "malformed key file" "$D/x" "$CL" pkeyutl -encrypt -pubin -inkey "$D/f.bin" -in "$D/m.bin" -out "$D/x"
bad "missing key file" "$D/x" "$CL" pkeyutl -encrypt -pubin -inkey "$D/nonexistent" -in "$D/m.bin" -out "$D/x"
printf '\x01' | cat - "$D/s1o" | head -c 256 > "$D/badsig"
"$CL" dgst -sha256 -verify "$P" -signature "$D/badsig" "$D/f.bin" > "$D/v.out" 2>&1; rc=$?
expect_eq "damaged signature: Verification failure, exit 1" "Verification failure 1" "$(cat "$D/v.out") $rc"
"$CL" pkeyutl -verify -pubin -inkey "$P" -in "$D/h.bin" -sigfile "$D/badsig" -pkeyopt digest:sha256 > "$D/v.out" 2>&1; rc=$?
expect_eq "pkeyutl damaged signature" "Signature Verification Failure 1" "$(cat "$D/v.out") $rc"

finish
