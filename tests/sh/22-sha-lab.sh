#!/usr/bin/env bash
# tests/sh/22-sha-lab.sh -- runs every command of docs/labs/sha256.md and
# checks its output.
#
# Each ```console block of the lab holds "$ COMMAND" lines, each followed by
# the exact output the command prints.  All blocks run in order in ONE bash
# session (variables set in one block are used in later ones), with bin/ on
# PATH, in a scratch directory.  Then a few facts the lab claims are checked
# directly (the forged tag is accepted; the HMAC forgery is not).
source "$(dirname "$0")/lib.sh"

LAB=docs/labs/sha256.md
[ -f "$LAB" ] || { fail "$LAB exists"; finish; exit; }

# Expected transcript: the lines of the console blocks; script: the commands
# with a marker line before each.
awk '/^```console$/ { inb = 1; next } inb && /^```$/ { inb = 0; next } inb' "$LAB" > "$T_TMP/expected"
grep '^\$ ' "$T_TMP/expected" | sed 's/^\$ //' > "$T_TMP/commands"
ncmd=$(wc -l < "$T_TMP/commands")
[ "$ncmd" -ge 15 ] && pass "lab has $ncmd commands" || fail "lab commands found" ">= 15" "$ncmd"

: > "$T_TMP/script"
n=0
while IFS= read -r cmd; do
  n=$((n + 1))
  printf "printf '%%s\\\\n' %q\n%s\n" "\$ $cmd" "$cmd" >> "$T_TMP/script"
done < "$T_TMP/commands"
(cd "$T_TMP" && PATH="$TOP/bin:$PATH" bash "$T_TMP/script" > "$T_TMP/actual" 2>&1)

# Compare command by command, so that a failure names the command.
split_transcript() {   # FILE PREFIX: writes PREFIX.N for the Nth command
  awk -v p="$2" '/^\$ / { n++ } { print > (p "." n) }' "$1"
}
split_transcript "$T_TMP/expected" "$T_TMP/e"
split_transcript "$T_TMP/actual" "$T_TMP/a"
for i in $(seq 1 "$ncmd"); do
  cmd=$(head -1 "$T_TMP/e.$i" | cut -c1-70)
  if cmp -s "$T_TMP/e.$i" "$T_TMP/a.$i" 2>/dev/null; then
    pass "lab: $cmd"
  else
    fail "lab: $cmd" "$(tail -n +2 "$T_TMP/e.$i" | head -5)" "$(tail -n +2 "$T_TMP/a.$i" 2>/dev/null | head -5)"
  fi
done

# The lab's claims, checked on their own.
KEY=0123456789abcdef; MSG='user=alice&amount=10'; EXT='&amount=1000000'
TAG=$(printf '%s%s' "$KEY" "$MSG" | "$CL" dgst -sha256 -r | cut -c1-64)
out=$("$CL" sha256-extend -digest "$TAG" -length 36 "$EXT")
forged=$(printf '%s\n' "$out" | sed -n 's/^digest: //p')
suffix=$(printf '%s\n' "$out" | sed -n 's/^suffix: //p')
server=$({ printf '%s%s' "$KEY" "$MSG"; printf '%b' "$(printf '%s' "$suffix" | sed 's/../\\x&/g')"; } | "$CL" sha256sum | cut -c1-64)
expect_eq "length extension: server accepts the forged tag" "$forged" "$server"
have sha256sum && expect_eq "forged message checked with coreutils sha256sum" "$forged" \
  "$({ printf '%s%s' "$KEY" "$MSG"; printf '%b' "$(printf '%s' "$suffix" | sed 's/../\\x&/g')"; } | sha256sum | cut -c1-64)"
expect_eq "glue padding of 36 bytes" "80000000000000000000000000000000000000000000000000000120" \
  "$(printf '%s\n' "$out" | sed -n 's/^padding: //p')"
HTAG=$(printf '%s' "$MSG" | "$CL" dgst -sha256 -hmac "$KEY" -r | cut -c1-64)
ok=1
for len in 36 84 96 128; do
  hout=$("$CL" sha256-extend -digest "$HTAG" -length "$len" "$EXT")
  hf=$(printf '%s\n' "$hout" | sed -n 's/^digest: //p'); hs=$(printf '%s\n' "$hout" | sed -n 's/^suffix: //p')
  real=$({ printf '%s' "$MSG"; printf '%b' "$(printf '%s' "$hs" | sed 's/../\\x&/g')"; } | "$CL" dgst -sha256 -hmac "$KEY" -r | cut -c1-64)
  [ "$hf" != "$real" ] || ok=0
done
[ $ok = 1 ] && pass "HMAC: no length guess gives a valid forgery" || fail "HMAC resisted length extension"
"$CL" sha256-extend -digest "$TAG" -length 35x "$EXT" >/dev/null 2>&1; expect_eq "sha256-extend: bad -length fails" 1 $?
"$CL" sha256-extend -digest abcd -length 36 "$EXT" >/dev/null 2>&1; expect_eq "sha256-extend: short digest fails" 1 $?
"$CL" sha256-extend -digest "$TAG" -length 2305843009213693951 "$EXT" >/dev/null 2>&1
expect_eq "sha256-extend: message beyond 2^64 bits refused" 1 $?
finish
