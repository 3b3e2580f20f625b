#!/usr/bin/env bash
# tests/sh/66-browser.sh -- the viewer pages in a real browser: Debian's
# chromium, headless, driven by Playwright (tests/browser/viewers.js; the
# playwright-core package from tests/browser/package-lock.json, installed by
# `make deps`, with executablePath /usr/bin/chromium -- no browser download).
# The expected values are read from the standards' vector files here:
#   AES (FIPS-197 Appendix C.1): the first step is round[ 0].input; two
#     ArrowRight presses reach round[ 1].s_box and the grid shows its value;
#     the highlighted cells are exactly the bytes the step changed, at every
#     one of the 41 steps walked with the keyboard; the output; slider,
#     buttons, the 'r' key, the round key and key-expansion rows; a
#     screenshot; no request leaves the page, no script error.
#   AES diffusion (--flip-bit 0): one chart bar per step, the number of
#     differing bits after round 2 equal to the text trace's (about 64).
#   SHA-256 "abc" (NIST's example): the padded block W[0..15], a..h after
#     each of the 64 rounds stepped with the keyboard, the new registers of
#     round 0 (a and e), W[63] marked, H(1), the digest.
#   ecb-picture: three canvases drawn; the original has few colours, ECB's
#     many, ECB repeats blocks and CBC none.
#   RSA-OAEP (oaep-int.txt): the encryption and the CRT decryption pages
#     step through RFC 8017's names in order, each value as RSA Labs prints it.
#   TLS key schedule (tls-trace --rfc8448): stepping through the page shows
#     RFC 8448 §3's values (six of them, read from vectors/tls) as ours and
#     as the RFC's, marked equal; the tree's master_secret node goes there.
# Without Playwright (npm unavailable) the AES page is still checked with
# chromium --dump-dom at #step=2 and --screenshot, and the keyboard checks
# are reported as skipped.  Without chromium everything is skipped.
source "$(dirname "$0")/lib.sh"

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  skip "browser tests" "no $CHROMIUM (make deps installs Debian's chromium)"
  finish; exit $?
fi
FLAGS=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync)

K=000102030405060708090a0b0c0d0e0f
IN=00112233445566778899aabbccddeeff
VEC=vectors/aes/fips197-appendix-c1-aes128.txt
"$CL" aes-trace -K "$K" -in "$IN" --html "$T_TMP/aes.html" > /dev/null || fail "aes-trace --html"
"$CL" aes-trace -K "$K" -in "$IN" --flip-bit 0 --html "$T_TMP/aes-flip.html" > /dev/null || fail "aes-trace --flip-bit --html"
SHOT=${VIZ_SCREENSHOT:-$T_TMP/aes.png}

# The Appendix C.1 cipher lines as JSON: {"round[ 0].input": "0011...", ...}
aes_lines=$(grep '^round' "$VEC" | sed -n '1,/output/p' |
  awk 'BEGIN { printf "{" } { n = substr($0, 1, 19); sub(/ +$/, "", n); printf "%s\"%s\":\"%s\"", (NR > 1 ? "," : ""), n, substr($0, 20) } END { printf "}" }')
two_rounds=$("$CL" aes-trace -K "$K" -in "$IN" --flip-bit 0 | awk '/round\[ 2\]\.m_col/ {print $(NF-2)}')
flip_steps=$(( $(grep -c '^round' <(grep '^round' "$VEC" | sed -n '1,/output/p')) - 11 ))   # k_sch lines merge with the next

# SHA-256 "abc" (NIST's example, vectors/sha256/sha256-trace-abc.txt).
SVEC=vectors/sha256/sha256-trace-abc.txt
"$CL" sha256-trace --html "$T_TMP/sha.html" abc > /dev/null || fail "sha256-trace --html"
sha_rounds=$(sed -n 's/^t=[ 0-9]*: //p' "$SVEC" | awk 'BEGIN { printf "[" } { printf "%s\"%s\"", (NR > 1 ? "," : ""), $0 } END { printf "]" }')
sha_w=$(sed -n 's/^W\[[0-9]*\] = //p' "$SVEC" | awk 'BEGIN { printf "[" } { printf "%s\"%s\"", (NR > 1 ? "," : ""), $0 } END { printf "]" }')
sha_digest=$(sed -n 's/^Message Digest = //p' "$SVEC" | tr -d ' ')

# RSA-OAEP (RSA Laboratories' oaep-int.txt, in the shared vectors): the
# encryption and decryption pages step through RFC 8017's names in order.
P1=$SHARED_VECTORS/pkcs1
rsa_pages=""
hexof() { awk -v L="# $2" 'index($0,L)==1{f=1;next} f&&(/^[ \t\r]*$/||/^#/){exit} f{print}' "$1" | tr -d ' \t\r\n'; }
if [ -f "$P1/oaep-int.txt" ]; then
  sed -n '/^# RSAPrivateKey/,/^# PrivateKeyInfo/p' "$P1/oaep-int.txt" | grep -v '^#' | tr -d ' \t\r\n' \
    | sed 's/../\\x&/g' | xargs -0 printf '%b' > "$T_TMP/oaep-int.der"
  "$CL" rsa-trace oaep-encrypt -inkey "$T_TMP/oaep-int.der" -msg "$(hexof "$P1/oaep-int.txt" "Message M to be encrypted")" \
    -seed "$(hexof "$P1/oaep-int.txt" "seed:")" -sha1 -out "$T_TMP/oi.bin" --html "$T_TMP/oaep.html" > /dev/null || fail "rsa-trace oaep-encrypt --html"
  "$CL" rsa-trace oaep-decrypt -inkey "$T_TMP/oaep-int.der" -in "$T_TMP/oi.bin" -sha1 --html "$T_TMP/oaepd.html" > /dev/null \
    || fail "rsa-trace oaep-decrypt --html"
  vals=""
  for pair in "lHash:lHash:" "DB:DB:" "seed:seed:" "dbMask:dbMask:" "maskedDB:maskedDB:" "seedMask:seedMask:" \
              "maskedSeed:maskedSeed:" "EM:EM = 00 || maskedSeed || maskedDB:" "C:Ciphertext, the RSA encryption of EM:" \
              "c mod p:c mod p:" "c mod q:c mod q:" "m1:m1:" "m2:m2:" "h:h:"; do
    name=${pair%%:*}; label=${pair#*:}
    vals="$vals${vals:+,}\"$name\":\"$(hexof "$P1/oaep-int.txt" "$label")\""
  done
  enc_names='["M","L","lHash","PS","DB","seed","dbMask","maskedDB","seedMask","maskedSeed","EM","C"]'
  dec_names='["C","c mod p","c mod q","m1","m2","h","EM","lHash","maskedSeed","maskedDB","seedMask","seed","dbMask","DB","M"]'
  rsa_pages=",
    { \"kind\": \"rsa\", \"file\": \"$T_TMP/oaep.html\", \"expect\": { \"names\": $enc_names, \"values\": {$vals} } },
    { \"kind\": \"rsa\", \"file\": \"$T_TMP/oaepd.html\", \"expect\": { \"names\": $dec_names, \"values\": {$vals} } }"
else
  skip "RSA-OAEP pages in the browser" "$P1/oaep-int.txt not found (SHARED_VECTORS)"
fi

"$CL" ecb-picture --html "$T_TMP/picture.html" > /dev/null || fail "ecb-picture --html"

# The TLS 1.3 key schedule of RFC 8448 §3: six of its values, our names for them.
TVEC=vectors/tls/rfc8448-simple-1rtt.txt
"$CL" tls-trace --rfc8448 --html "$T_TMP/tls.html" > /dev/null || fail "tls-trace --rfc8448 --html"
tls_vals=""
for pair in "early_secret:early_secret" "handshake_secret:handshake_secret" "c_hs_traffic:client_handshake_traffic_secret" \
            "master_secret:master_secret" "s_ap_key:server_application key" "c_verify_data:client verify_data"; do
  tls_vals="$tls_vals${tls_vals:+,}\"${pair#*:}\":\"$(sed -n "s/^${pair%%:*} = //p" "$TVEC")\""
done

node_ok=0
if have node && [ -f tests/browser/node_modules/playwright-core/package.json ]; then node_ok=1; fi

if [ "$node_ok" -eq 1 ]; then
  mkdir -p "$T_TMP/profile"
  cat > "$T_TMP/spec.json" <<EOF
{ "chromium": "$CHROMIUM", "profile": "$T_TMP/profile",
  "pages": [
    { "kind": "aes", "file": "$T_TMP/aes.html", "screenshot": "$SHOT", "expect": { "lines": $aes_lines } },
    { "kind": "aes-flip", "file": "$T_TMP/aes-flip.html", "expect": { "steps": $flip_steps, "two_rounds": ${two_rounds:-0} } },
    { "kind": "sha256", "file": "$T_TMP/sha.html", "expect": { "rounds": $sha_rounds, "W": $sha_w, "digest": "$sha_digest" } },
    { "kind": "picture", "file": "$T_TMP/picture.html", "expect": { "mode2": "cbc" } },
    { "kind": "tls", "file": "$T_TMP/tls.html", "expect": { "values": {$tls_vals} } }$rsa_pages
  ] }
EOF
  timeout 300 node tests/browser/viewers.js "$T_TMP/spec.json" > "$T_TMP/node.out" 2>&1
  rc=$?
  while IFS= read -r line; do
    case $line in
      "PASS "*) pass "${line#PASS }" ;;
      "FAIL "*) T_FAIL=$((T_FAIL + 1)); echo "  ${line}" ;;
      "  expected: "*|"  actual:   "*) echo "     ${line}" ;;
      *) [ -n "$line" ] && echo "  | $line" ;;
    esac
  done < "$T_TMP/node.out"
  if [ "$rc" -ne 0 ] && ! grep -q '^FAIL' "$T_TMP/node.out"; then fail "browser run" "exit 0" "exit $rc"; fi
  [ "$(grep -c '^PASS' "$T_TMP/node.out")" -gt 0 ] || fail "browser checks ran" "> 0" 0
else
  skip "keyboard, slider and button checks" "playwright-core not installed (make deps: npm ci in tests/browser)"
  # --dump-dom at step 3 (index 2: round[ 1].s_box); the grid cells carry data-i.
  dom=$(timeout 120 "$CHROMIUM" "${FLAGS[@]}" --user-data-dir="$T_TMP/p1" --dump-dom "file://$T_TMP/aes.html#step=2" 2>/dev/null)
  names=$(printf '%s' "$dom" | grep -o '<code class="ac-name">[^<]*</code>' | sed 's/<[^>]*>//g' | tr '\n' ' ')
  expect_eq "dump-dom #step=2: the step is round[ 1].s_box" "round[ 1].s_box " "$names"
  grid=$(printf '%s' "$dom" | tr '>' '>\n' | grep -o '<td class="byte[^"]*" data-r="[0-3]" data-c="[0-3]" data-i="[0-9]*">[0-9a-f][0-9a-f]' |
         sed 's/.*data-i="\([0-9]*\)">\(..\)$/\1 \2/' | head -16 | sort -n | awk '{printf "%s", $2}')
  expect_eq "dump-dom: the grid shows Appendix C's round[ 1].s_box" "$(sed -n 's/^round\[ 1\]\.s_box *//p' "$VEC" | head -1)" "$grid"
  nchanged=$(printf '%s' "$dom" | grep -o '<table id="state".*</table>' | grep -o 'class="byte changed' | wc -l)
  expect_eq "dump-dom: SubBytes changed all 16 bytes here" 16 "$nchanged"
  timeout 120 "$CHROMIUM" "${FLAGS[@]}" --user-data-dir="$T_TMP/p2" --window-size=1200,900 \
    --screenshot="$SHOT" "file://$T_TMP/aes.html#step=2" > /dev/null 2>&1
  if [ -s "$SHOT" ]; then pass "screenshot taken ($SHOT)"; else fail "screenshot" "$SHOT" "none"; fi
fi
finish
