#!/usr/bin/env bash
# tests/sh/95-tls-lab.sh -- runs docs/labs/tls.md as written: its ```sh
# blocks in order, in one shell, with LAB in a temporary folder; every line
# of each "<!-- lab-test: output -->" text block must appear in the output.
# Capturing on lo needs root and dumpcap: otherwise skipped.
. "$(dirname "$0")/lib.sh"
LABMD=docs/labs/tls.md
if [ "$(id -u)" != 0 ] || ! have dumpcap || ! have tshark || ! have curl || ! have openssl; then
  skip "docs/labs/tls.md runs" "needs root, dumpcap, tshark, curl and openssl"; finish; exit
fi
awk '/^```sh$/ {on = 1; next} /^```$/ {on = 0} on {print}' "$LABMD" > "$T_TMP/lab.sh"
awk '/^<!-- lab-test: output -->$/ {want = 1; next} want && /^```text$/ {on = 1; next}
     on && /^```$/ {on = 0; want = 0; next} on {print}' "$LABMD" > "$T_TMP/want.txt"
[ -s "$T_TMP/lab.sh" ] && pass "lab: has commands" || fail "lab: has commands" "sh blocks" "none"
LAB="$T_TMP/lab" timeout 300 bash "$T_TMP/lab.sh" > "$T_TMP/out.txt" 2>&1
rc=$?
expect_eq "lab: commands exit 0" 0 "$rc"
while IFS= read -r line; do
  grep -qF -- "$line" "$T_TMP/out.txt" && pass "lab output: $line" ||
    fail "lab output: $line" "$line" "$(tail -3 "$T_TMP/out.txt" | tr '\n' ' ')"
done < "$T_TMP/want.txt"
finish
