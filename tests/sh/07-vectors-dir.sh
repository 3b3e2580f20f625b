#!/usr/bin/env bash
# tests/sh/07-vectors-dir.sh -- `cryptolab vectors vectors/` runs every file
# of the project's vectors/ or says what it is (documentation, keys, data
# checked by a named test); it skips none.  Errors go to stderr, one line.
source "$(dirname "$0")/lib.sh"

out=$("$CL" vectors vectors 2> "$T_TMP/err"); rc=$?
expect_eq "cryptolab vectors vectors: exit status" 0 "$rc"
expect_eq "cryptolab vectors vectors: nothing on stderr" "" "$(cat "$T_TMP/err")"
expect_eq "cryptolab vectors vectors: no file skipped" "" "$(grep -E 'skipped \(not a vector file|files skipped' <<< "$out")"
n_run=0; n_data=0; bad=""
while IFS= read -r f; do
  line=$(grep -F -- "$f: " <<< "$out")
  case $line in
    "$f: "*" cases, "*" passed, 0 failed"*) n_run=$((n_run + 1)) ;;
    "$f: not a vector file: "?*) n_data=$((n_data + 1)) ;;
    *) bad="$bad $f" ;;
  esac
done < <(find vectors -type f | sort)
expect_eq "every file of vectors/ is run (0 failed) or says what it is" "" "$bad"
pass "vectors/: $n_run files run, $n_data not vector files"
[ "$n_run" -ge 12 ] || fail "vector files run" ">= 12" "$n_run"
expect_eq "vectors/sha256/pbkdf2.txt is run" "vectors/sha256/pbkdf2.txt: 12 cases, 12 passed, 0 failed" \
  "$(grep '^vectors/sha256/pbkdf2.txt: ' <<< "$out")"

# A changed PBKDF2 answer is a failure, with both values.
sed '0,/^DK = 55ac/s/^DK = 55ac/DK = 55ad/' vectors/sha256/pbkdf2.txt > "$T_TMP/pbkdf2.txt"
out=$("$CL" vectors "$T_TMP/pbkdf2.txt" 2>&1); rc=$?
if [ "$rc" -eq 1 ] && grep -q '12 cases, 11 passed, 1 failed' <<< "$out" && grep -q 'expected: 55ad' <<< "$out" && grep -q 'actual: *55ac' <<< "$out"; then
  pass "a changed PBKDF2 DK fails, showing expected and actual"
else fail "a changed PBKDF2 DK fails, showing expected and actual" "1 failed + expected/actual" "rc $rc: $out"; fi

# Errors: one line on stderr, nothing about them on stdout.
"$CL" vectors "$T_TMP/nosuch" > "$T_TMP/out" 2> "$T_TMP/err"; rc=$?
expect_eq "vectors nosuch: exit status" 1 "$rc"
expect_eq "vectors nosuch: one line on stderr" "cryptolab vectors: $T_TMP/nosuch: cannot open: No such file or directory" "$(cat "$T_TMP/err")"
if grep -q nosuch "$T_TMP/out"; then fail "vectors nosuch: stdout has only the total" "0 passed, 1 failed" "$(cat "$T_TMP/out")"
else pass "vectors nosuch: stdout has only the total"; fi
finish
