#!/usr/bin/env bash
# tests/sh/65-viz-pages.sh -- the step viewers without a browser:
#   - `aes-trace --key-expansion` prints FIPS-197 Appendix A's columns for
#     A.1, A.2, A.3 exactly as vectors/aes/fips197-appendix-a-key-expansion.txt;
#   - `aes-trace --flip-bit/--flip-key-bit` (text): both runs, and the bit
#     counts add up (1 bit in, about 64 after two rounds);
#   - every page the viewers write is self-contained (no reference to
#     anything outside the file: no src=/href= to a URL, no <link>, @import,
#     url(), fetch, XMLHttpRequest, import()), at most 300 KB, and carries
#     the trace's values (Appendix C lines, the NIST "abc" words, the RFC 8017
#     names); bad options give one error line and no file.
# tests/sh/66-browser.sh checks the same pages in a real browser.
source "$(dirname "$0")/lib.sh"

K=000102030405060708090a0b0c0d0e0f
IN=00112233445566778899aabbccddeeff
VEC=vectors/aes/fips197-appendix-c1-aes128.txt

# --- 1. key expansion against Appendix A ---------------------------------------------
kx=vectors/aes/fips197-appendix-a-key-expansion.txt
for sec in A.1 A.2 A.3; do
  want=$(awk -v s="[$sec" 'index($0, s) == 1 { on = 1; next } /^\[/ { on = 0 } on && /^(KEY|w\[|# i=)/' "$kx")
  key=$(printf '%s\n' "$want" | sed -n 's/^KEY = //p')
  got=$("$CL" aes-trace --key-expansion -K "$key" 2>&1)
  if [ "$got" = "$want" ]; then
    pass "key expansion $sec: $(printf '%s\n' "$want" | grep -c '^w\[') words and their RotWord/SubWord/Rcon columns"
  else
    fail "key expansion $sec" "(Appendix A, $kx)" "$(diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") | head -5)"
  fi
done

# --- 2. the flipped-bit text trace ------------------------------------------------------
out=$("$CL" aes-trace -K "$K" -in "$IN" --flip-bit 0)
expect_eq "flip-bit: first run is Appendix C.1" \
  "$(grep '^round' "$VEC" | sed -n '1,/output/p' | awk '{print $NF}' | tr '\n' ' ')" \
  "$(printf '%s\n' "$out" | awk '{print $(NF-4)}' | tr '\n' ' ')"
expect_eq "flip-bit 0: the input differs in 1 bit" "1" "$(printf '%s\n' "$out" | awk '/input/ {print $(NF-2)}')"
m2=$(printf '%s\n' "$out" | awk '/round\[ 2\]\.m_col/ {print $(NF-2)}')
if [ "${m2:-0}" -ge 40 ] && [ "$m2" -le 88 ]; then pass "flip-bit 0: $m2 bits differ after two rounds (about 64)"
else fail "flip-bit 0: about 64 bits differ after round 2's MixColumns" "40..88" "$m2"; fi
out=$("$CL" aes-trace -K "$K" -in "$IN" --flip-key-bit 127)
expect_eq "flip-key-bit 127: the round-0 key differs in 1 bit" "1" "$(printf '%s\n' "$out" | awk '/round\[ 0\]\.k_sch/ {print $(NF-2)}')"

# --- 3. pages ---------------------------------------------------------------------------------
# self_contained NAME FILE: no reference to anything outside the file.
self_contained() {
  local bad
  bad=$(grep -noiE '(src|href|action|poster|data)[[:space:]]*=[[:space:]]*["'"'"']?[a-z]+:|<link|@import|url\(|fetch\(|XMLHttpRequest|import\(|<iframe|<object|<embed|sourceMappingURL|navigator\.sendBeacon|new WebSocket|EventSource' "$2" | head -3)
  if [ -z "$bad" ]; then pass "$1: self-contained (no external reference)"; else fail "$1: self-contained" "no external reference" "$bad"; fi
  local size; size=$(wc -c < "$2")
  if [ "$size" -le 300000 ]; then pass "$1: $size bytes (<= 300 KB)"; else fail "$1: at most 300 KB" "<= 300000" "$size"; fi
  if grep -q '^<!DOCTYPE html>' "$2" && tail -1 "$2" | grep -q '^</html>$'; then pass "$1: a whole HTML document"
  else fail "$1: a whole HTML document" "<!DOCTYPE html> ... </html>" "$(head -c 60 "$2")"; fi
}

P="$T_TMP/aes.html"
if "$CL" aes-trace -K "$K" -in "$IN" --html "$P" > "$T_TMP/aes.txt"; then
  expect_eq "aes-trace --html still prints the text trace" "$("$CL" aes-trace -K "$K" -in "$IN")" "$(cat "$T_TMP/aes.txt")"
  self_contained "aes page" "$P"
  n=0; missing=""
  while IFS='|' read -r name value; do
    n=$((n + 1))
    grep -qF "[\"$name\",\"$value\"]" "$P" || missing="$missing $name"
  done < <(grep '^round' "$VEC" | sed -n '1,/output/p' |
           awk '{ name = substr($0, 1, 19); sub(/ +$/, "", name); print name "|" substr($0, 20) }')
  if [ -z "$missing" ]; then pass "aes page: all $n Appendix C.1 cipher lines are in its data"
  else fail "aes page: Appendix C.1 lines in its data" "all $n" "missing:$missing"; fi
else
  fail "aes-trace --html writes a page"
fi
"$CL" aes-trace -K "$K" -in "$IN" --html "$T_TMP/aes-flip.html" --flip-bit 5 > /dev/null && self_contained "aes diffusion page" "$T_TMP/aes-flip.html"
"$CL" aes-trace -K "$K" -in "$IN" -d --html "$T_TMP/aes-inv.html" > /dev/null && self_contained "aes inverse page" "$T_TMP/aes-inv.html"

# SHA-256: the NIST "abc" words in the page, the text trace unchanged by --html.
S="$T_TMP/sha.html"
if "$CL" sha256-trace --html "$S" abc > "$T_TMP/sha.txt"; then
  self_contained "sha256 page" "$S"
  expect_eq "sha256-trace --html still prints the text trace" "$("$CL" sha256-trace abc)" "$(cat "$T_TMP/sha.txt")"
  want=$(sed -n 's/^t=63: //p' vectors/sha256/sha256-trace-abc.txt | tr 'A-F' 'a-f' | awk '{for (i = 1; i <= NF; i++) printf "%s\"%s\"", (i > 1 ? "," : ""), $i}')
  if grep -qF "[$want]" "$S"; then pass "sha256 page: NIST's row t=63 is in its data"; else fail "sha256 page: row t=63" "[$want]" "(absent)"; fi
  grep -qF '"digest":"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"' "$S" &&
    pass "sha256 page: the digest" || fail "sha256 page: the digest"
else
  fail "sha256-trace --html writes a page"
fi
"$CL" sha256-trace --html "$T_TMP/sha-flip.html" --flip-bit 7 abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq > /dev/null &&
  self_contained "sha256 avalanche page (two blocks)" "$T_TMP/sha-flip.html"
long=$(head -c 1016 /dev/zero | tr '\0' a)
err=$("$CL" sha256-trace --html "$T_TMP/long.html" "$long" 2>&1 >/dev/null); rc=$?
if [ "$rc" -eq 1 ] && [ ! -e "$T_TMP/long.html" ]; then pass "sha256-trace --html: 1016 bytes refused ($err)"
else fail "sha256-trace --html: a message over 16 blocks refused" "rc=1, no file" "rc=$rc $err"; fi
err=$("$CL" sha256-trace --flip-bit 3 abc 2>&1 >/dev/null); rc=$?
expect_eq "sha256-trace --flip-bit without --html: one error" "1 1" "$rc $(printf '%s\n' "$err" | wc -l)"
err=$("$CL" sha256-trace --html "$T_TMP/x.html" --flip-bit 24 abc 2>&1 >/dev/null); rc=$?
expect_eq "sha256-trace --flip-bit past the message: one error, no file" "1 no" "$rc $([ -e "$T_TMP/x.html" ] && echo yes || echo no)"

# RSA: OAEP and PSS pages with a lab key; RFC 8017's names in them.
if "$CL" rsa-trace genkey -bits 1024 -seed 5eed -out "$T_TMP/k.pem" > /dev/null 2>&1; then
  "$CL" rsa-trace oaep-encrypt -inkey "$T_TMP/k.pem" -msg 68656c6c6f -out "$T_TMP/c.bin" --html "$T_TMP/oaep.html" > /dev/null &&
    self_contained "rsa oaep-encrypt page" "$T_TMP/oaep.html"
  "$CL" rsa-trace oaep-decrypt -inkey "$T_TMP/k.pem" -in "$T_TMP/c.bin" --html "$T_TMP/oaepd.html" > /dev/null &&
    self_contained "rsa oaep-decrypt page" "$T_TMP/oaepd.html"
  "$CL" rsa-trace pss-sign -inkey "$T_TMP/k.pem" -msg 68656c6c6f --html "$T_TMP/pss.html" > /dev/null &&
    self_contained "rsa pss-sign page" "$T_TMP/pss.html"
  for pn in "oaep:lHash DB seed dbMask maskedDB seedMask maskedSeed EM C" "oaepd:m1 m2 EM seedMask seed dbMask DB M" \
            "pss:mHash salt M' H DB dbMask maskedDB EM S"; do
    f=${pn%%:*}; miss=""
    for nm in ${pn#*:}; do grep -qF "\"name\":\"$nm\"" "$T_TMP/$f.html" || miss="$miss $nm"; done
    expect_eq "rsa $f page: RFC 8017's names" "" "$miss"
  done
else
  fail "rsa-trace genkey for the RSA pages"
fi

# ECB versus CBC/CTR: with a fixed key the counts are fixed; ECB repeats
# exactly the picture's repeated blocks, CBC and CTR none.
for mode in cbc ctr; do
  out=$("$CL" ecb-picture --html "$T_TMP/pic-$mode.html" -K "$K" -iv "$IN" --mode $mode)
  line=$(printf '%s\n' "$out" | grep '^repeated')
  pic=$(printf '%s\n' "$line" | sed 's/.*picture \([0-9]*\),.*/\1/'); ecb=$(printf '%s\n' "$line" | sed 's/.*ECB \([0-9]*\),.*/\1/')
  other=$(printf '%s\n' "$line" | sed "s/.*$mode \\([0-9]*\\)\$/\\1/")
  if [ "${pic:-0}" -gt 2000 ] && [ "$ecb" = "$pic" ] && [ "$other" = 0 ]; then
    pass "ecb-picture $mode: ECB repeats $ecb of 2560 blocks (as many as the picture), $mode $other"
  else
    fail "ecb-picture $mode: ECB repeats what the picture repeats, $mode nothing" "picture = ECB > 2000, $mode 0" "$line"
  fi
  self_contained "ecb-picture $mode page" "$T_TMP/pic-$mode.html"
done
err=$("$CL" ecb-picture -K "$K" 2>&1 >/dev/null); expect_eq "ecb-picture without --html: one error" 1 "$(printf '%s\n' "$err" | wc -l)"
err=$("$CL" ecb-picture --html "$T_TMP/bad.html" --mode ofb 2>&1 >/dev/null); rc=$?
expect_eq "ecb-picture --mode ofb: refused, no file" "1 no" "$rc $([ -e "$T_TMP/bad.html" ] && echo yes || echo no)"

# Bad options: one error line, exit 1, no file.
for args in "--flip-bit 128" "--flip-key-bit 128" "--flip-bit x" "--flip-bit 1 --flip-key-bit 2" "--html" "--html -"; do
  rm -f "$T_TMP/none.html"
  # shellcheck disable=SC2086
  err=$("$CL" aes-trace -K "$K" -in "$IN" $args $(case $args in --html*) ;; *) echo --html "$T_TMP/none.html" ;; esac) 2>&1 >/dev/null); rc=$?
  if [ "$rc" -eq 1 ] && [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] && [ ! -e "$T_TMP/none.html" ]; then
    pass "aes-trace $args: one error line, no file ($err)"
  else
    fail "aes-trace $args: one error line, exit 1, no file" "rc=1, 1 line" "rc=$rc: $err"
  fi
done

finish
