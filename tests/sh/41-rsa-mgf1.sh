#!/usr/bin/env bash
# tests/sh/41-rsa-mgf1.sh -- RSAES-OAEP and RSASSA-PSS with a different hash
# inside MGF1 (RFC 8017 A.2.1 / A.2.3; `-pkeyopt rsa_mgf1_md:sha1`), against
# the openssl binary (a test oracle only), both directions, random cases:
#   - OAEP-SHA256 with MGF1-SHA1 and MGF1-SHA256: random messages (0 .. the
#     longest allowed) and labels, encrypted by each and decrypted by the other;
#   - PSS-SHA256 with MGF1-SHA1: random digests and salt lengths, signed by
#     each and verified by the other;
#   - a mismatched MGF1 hash is refused on both sides (one error);
#   - the vector file vectors/rsa/rsa_kat_mgf1.rsp (Wycheproof and OpenSSL
#     cases, valid and invalid) through `cryptolab vectors`;
#   - bad rsa_mgf1_md values: one error line, exit 1.
# Keys: vectors/rsa/keys/key2048.pem and a fresh 3072-bit openssl key.
# Each random case prints its inputs on failure (reproducible by hand).
source "$(dirname "$0")/lib.sh"

D=$T_TMP
ROUNDS=${CL_MGF1_ROUNDS:-6}

out=$("$CL" vectors vectors/rsa/rsa_kat_mgf1.rsp 2>&1)
if grep -q '^26 passed, 0 failed' <<< "$out"; then pass "vectors: rsa_kat_mgf1.rsp (26 cases)"
else fail "vectors: rsa_kat_mgf1.rsp (26 cases)" "26 passed, 0 failed" "$(tail -3 <<< "$out")"; fi

one_error() {   # NAME CMD...: exit 1 and exactly one line "cryptolab pkeyutl: ..."
  local n=$1 rc=0; shift
  "$@" > "$D/o" 2> "$D/e" || rc=$?
  if [ "$rc" -eq 1 ] && [ "$(wc -l < "$D/e")" -eq 1 ] && grep -q '^cryptolab pkeyutl: ' "$D/e"; then pass "$n"
  else fail "$n" "exit 1, one line" "exit $rc: $(head -c 200 "$D/e")"; fi
}
K=vectors/rsa/keys/key2048.pem
one_error "rsa_mgf1_md:md5 refused" "$CL" pkeyutl -encrypt -pubin -inkey vectors/rsa/keys/key2048-pub.pem \
  -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:md5 -in "$K"
one_error "rsa_mgf1_md with pkcs1 padding refused" "$CL" pkeyutl -encrypt -pubin -inkey vectors/rsa/keys/key2048-pub.pem \
  -pkeyopt rsa_mgf1_md:sha1 -in "$K"

if ! have openssl; then
  skip "OAEP/PSS MGF1 interop" "openssl not installed"
  finish; exit $?
fi

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$D/k3072.pem" 2>/dev/null
openssl pkey -in "$D/k3072.pem" -pubout -out "$D/k3072-pub.pem"
openssl pkey -in "$K" -pubout -out "$D/k2048-pub.pem"

# rand_below N: a random integer in [0, N)
rand_below() { echo $(( $(od -An -tu4 -N4 /dev/urandom | tr -d ' ') % $1 )); }

oaep_case() {   # TAG KEY PUB K MGF
  local t=$1 key=$2 pub=$3 k=$4 mgf=$5
  local mlen llen label opts
  mlen=$(rand_below $((k - 2 * 32 - 2 + 1)))
  llen=$(rand_below 41)
  head -c "$mlen" /dev/urandom > "$D/m"
  label=$(randhex "$llen")
  opts=(-pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -pkeyopt "rsa_mgf1_md:$mgf")
  [ -n "$label" ] && opts+=(-pkeyopt "rsa_oaep_label:$label")
  local what="$t OAEP-SHA256/MGF1-$mgf mLen=$mlen label=${label:-(empty)}"
  # cryptolab -> openssl
  if "$CL" pkeyutl -encrypt -pubin -inkey "$pub" -in "$D/m" -out "$D/c" "${opts[@]}" 2> "$D/e" \
     && openssl pkeyutl -decrypt -inkey "$key" -in "$D/c" -out "$D/p" "${opts[@]}" 2>> "$D/e" \
     && cmp -s "$D/m" "$D/p"; then pass "$what: cryptolab -> openssl"
  else fail "$what: cryptolab -> openssl" "msg $(od -An -tx1 "$D/m" | tr -d ' \n' | head -c 64)" "$(head -c 200 "$D/e")"; fi
  # openssl -> cryptolab
  if openssl pkeyutl -encrypt -pubin -inkey "$pub" -in "$D/m" -out "$D/c" "${opts[@]}" 2> "$D/e" \
     && "$CL" pkeyutl -decrypt -inkey "$key" -in "$D/c" -out "$D/p" "${opts[@]}" 2>> "$D/e" \
     && cmp -s "$D/m" "$D/p"; then pass "$what: openssl -> cryptolab"
  else fail "$what: openssl -> cryptolab" "msg $(od -An -tx1 "$D/m" | tr -d ' \n' | head -c 64)" "$(head -c 200 "$D/e")"; fi
  # The other MGF1 hash must not decrypt it (one generic error).
  local other=sha256; [ "$mgf" = sha256 ] && other=sha1
  local wrong=("${opts[@]}"); wrong[5]="rsa_mgf1_md:$other"
  if "$CL" pkeyutl -decrypt -inkey "$key" -in "$D/c" -out "$D/p" "${wrong[@]}" 2> "$D/e"; then
    fail "$what: MGF1-$other refused" "decryption failed" "decrypted"
  elif grep -q 'decryption failed' "$D/e"; then pass "$what: MGF1-$other refused"
  else fail "$what: MGF1-$other refused" "decryption failed" "$(cat "$D/e")"; fi
}

pss_case() {   # TAG KEY PUB K
  local t=$1 key=$2 pub=$3 k=$4
  local choices=(0 20 32 max) sl
  sl=${choices[$(rand_below 4)]}
  head -c 32 /dev/urandom > "$D/d"
  local opts=(-pkeyopt rsa_padding_mode:pss -pkeyopt digest:sha256 -pkeyopt rsa_mgf1_md:sha1)
  local what="$t PSS-SHA256/MGF1-SHA1 saltlen=$sl digest=$(od -An -tx1 "$D/d" | tr -d ' \n')"
  "$CL" pkeyutl -sign -inkey "$key" -in "$D/d" -out "$D/s" "${opts[@]}" -pkeyopt "rsa_pss_saltlen:$sl" 2> "$D/e" || true
  if openssl pkeyutl -verify -pubin -inkey "$pub" -in "$D/d" -sigfile "$D/s" "${opts[@]}" \
       -pkeyopt rsa_pss_saltlen:auto > "$D/o" 2>> "$D/e" && grep -q 'Verified Successfully' "$D/o"
  then pass "$what: cryptolab -> openssl"; else fail "$what: cryptolab -> openssl" "Verified" "$(cat "$D/o" "$D/e" | head -c 200)"; fi
  openssl pkeyutl -sign -inkey "$key" -in "$D/d" -out "$D/s" "${opts[@]}" -pkeyopt "rsa_pss_saltlen:$sl" 2> "$D/e" || true
  if "$CL" pkeyutl -verify -pubin -inkey "$pub" -in "$D/d" -sigfile "$D/s" "${opts[@]}" > "$D/o" 2>> "$D/e" \
       && grep -q 'Verified Successfully' "$D/o"
  then pass "$what: openssl -> cryptolab"; else fail "$what: openssl -> cryptolab" "Verified" "$(cat "$D/o" "$D/e" | head -c 200)"; fi
  # The same signature with MGF1-SHA256: refused by both.
  local same=(-pkeyopt rsa_padding_mode:pss -pkeyopt digest:sha256)
  if "$CL" pkeyutl -verify -pubin -inkey "$pub" -in "$D/d" -sigfile "$D/s" "${same[@]}" > "$D/o" 2>&1; then
    fail "$what: MGF1-SHA256 refused (cryptolab)" "Verification Failure" "$(cat "$D/o")"
  else pass "$what: MGF1-SHA256 refused (cryptolab)"; fi
  if openssl pkeyutl -verify -pubin -inkey "$pub" -in "$D/d" -sigfile "$D/s" "${same[@]}" -pkeyopt rsa_pss_saltlen:auto > "$D/o" 2>&1; then
    fail "$what: MGF1-SHA256 refused (openssl)" "Verification Failure" "$(cat "$D/o")"
  else pass "$what: MGF1-SHA256 refused (openssl)"; fi
}

for r in $(seq 1 "$ROUNDS"); do
  oaep_case "2048 #$r" "$K" "$D/k2048-pub.pem" 256 sha1
  oaep_case "3072 #$r" "$D/k3072.pem" "$D/k3072-pub.pem" 384 sha1
  pss_case "2048 #$r" "$K" "$D/k2048-pub.pem" 256
  pss_case "3072 #$r" "$D/k3072.pem" "$D/k3072-pub.pem" 384
done
oaep_case "2048 explicit" "$K" "$D/k2048-pub.pem" 256 sha256

finish
