#!/usr/bin/env bash
# tests/sh/81-x509-verify.sh -- `cryptolab verify` against `openssl verify`
# on the corpus of tests/x509/make-corpus.sh (cases.txt): good chains of
# length 1, 2 and 3 (and PSS signatures, a PSS key, IPv4/IPv6, wildcards),
# and one bad case for each check: expired, not yet valid (leaf and root),
# wrong issuer, missing intermediate, untrusted self-signed leaf and root,
# flipped signature byte, intermediate CA:FALSE, pathlen exceeded, missing
# keyCertSign, wrong EKU (server and client), wrong keyUsage, unknown
# critical extension, host mismatch, wildcard rules, IP mismatch, an IP
# given as a host name, garbage inside the signed part, non-DER lengths.
#   "same" cases: our stdout, stderr (openssl's own error-stack lines set
#   aside) and exit status equal openssl's exactly;
#   "differ" cases: the documented places where we are stricter; checked
#   to differ the way cases.txt says.
# Then: each kind of failure has its own one-line message (-verbose).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/x509lib.sh"
x509_corpus || { finish; exit $?; }
cd "$XC" || exit 1

compared=0; agreed=0; differ=0
while IFS='|' read -r name expect args; do
  [ -z "$name" ] && continue
  # shellcheck disable=SC2086
  openssl verify $args > "$T_TMP/o.out" 2> "$T_TMP/o.err"; orc=$?
  # shellcheck disable=SC2086
  "$CL" verify $args > "$T_TMP/c.out" 2> "$T_TMP/c.err"; crc=$?
  grep -v -E '^[0-9A-F]+:error:' "$T_TMP/o.err" > "$T_TMP/o.err2"
  grep -v -E '^cryptolab verify: ' "$T_TMP/c.err" > "$T_TMP/c.err2"
  if grep -q -E 'runtime error|AddressSanitizer' "$T_TMP/c.err"; then fail "$name: no sanitizer report" "" "$(head -3 "$T_TMP/c.err")"; fi
  cat "$T_TMP/o.out" "$T_TMP/o.err2" > "$T_TMP/o.all"; echo "exit $orc" >> "$T_TMP/o.all"
  cat "$T_TMP/c.out" "$T_TMP/c.err2" > "$T_TMP/c.all"; echo "exit $crc" >> "$T_TMP/c.all"
  case $expect in
    same)
      compared=$((compared + 1))
      if cmp -s "$T_TMP/o.all" "$T_TMP/c.all"; then agreed=$((agreed + 1)); pass "verify $name: as openssl"
      else same_output "verify $name: as openssl" "$T_TMP/o.all" "$T_TMP/c.all"; fi ;;
    differ:*)
      differ=$((differ + 1))
      # we refuse in every documented difference; openssl accepts or refuses otherwise
      if [ "$crc" -eq 2 ] && ! cmp -s "$T_TMP/o.all" "$T_TMP/c.all"; then pass "verify $name: differs as documented (${expect#differ:})"
      else fail "verify $name: differs as documented" "exit 2, unlike openssl (${expect#differ:})" "exit $crc"; fi ;;
  esac
done < cases.txt
echo "  x509 verify: $agreed of $compared cases agree with openssl verify exactly; $differ documented differences"
expect_eq "every 'same' case agrees with openssl" "$compared" "$agreed"

# Each kind of failure: its own message (the first -verbose line).
declare -A seen
while IFS='|' read -r name expect args; do
  case $name in good_*|trailing*|nonder*|partial_wildcard|cn_fallback|wildcard_*|ip_not_dns|missing_intermediate|untrusted_root_in_chain|root_not_yet_valid|wrong_eku_client) continue ;; esac
  # shellcheck disable=SC2086
  msg=$("$CL" verify -verbose $args 2>&1 >/dev/null | grep '^cryptolab verify: ' | head -1)
  if [ -z "$msg" ]; then fail "verify -verbose $name: one-line reason" "a line" "none"; continue; fi
  if [ -n "${seen[$msg]:-}" ]; then fail "verify $name: its own message" "not the message of ${seen[$msg]}" "$msg"
  else seen[$msg]=$name; pass "verify $name: its own message"; fi
done < cases.txt
echo "  x509 verify: ${#seen[@]} kinds of failure, ${#seen[@]} distinct messages"

# The exit status of openssl for the command line itself.
"$CL" verify root1.pem > /dev/null 2>&1; expect_eq "verify without -CAfile: exit 1" 1 $?
"$CL" verify -CAfile no-such-file root1.pem > /dev/null 2>&1; expect_eq "verify with a missing CAfile: exit 1" 1 $?
"$CL" verify -CAfile root1.pem root1.pem leaf_other.pem > /dev/null 2>&1; expect_eq "one of two certificates fails: exit 2" 2 $?
"$CL" verify -CAfile root1.pem < root1.pem > "$T_TMP/stdin.out" 2>&1; expect_eq "verify reads standard input" "stdin: OK" "$(cat "$T_TMP/stdin.out")"
finish
