#!/usr/bin/env bash
# tests/check.sh -- what `make check` runs, in order:
#   1. bin/cryptolab-tests            (every CUnit suite)
#   2. tests/sh/*.sh                  (vector files, CLI comparisons with
#                                      openssl/sha256sum, socket tests, labs)
# Each part prints its own results; the last line is the grand total
# "N passed, M failed".  Exit status is non-zero if anything failed.
set -u
cd "$(dirname "$0")/.."
export SHARED_VECTORS=${SHARED_VECTORS:-../shared/vectors}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=23}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export CL_TALLY
CL_TALLY=$(mktemp)
trap 'rm -f "$CL_TALLY"' EXIT

failed_parts=()
if [ -d "$SHARED_VECTORS" ]; then
  echo "== shared vectors: using $SHARED_VECTORS"
else
  echo "== shared vectors: $SHARED_VECTORS not found; the NIST/RFC files there are SKIPPED"
fi

echo "== unit tests (bin/cryptolab-tests)"
out=$(mktemp)
if bin/cryptolab-tests >"$out" 2>&1; then ut_fail=0; else ut_fail=1; failed_parts+=("unit tests"); fi
cat "$out"
# Count CUnit tests from the runner's own summary line.
read -r ut_run ut_failed < <(sed -n 's/^cryptolab-tests: \([0-9]*\) tests run, \([0-9]*\) failed.*/\1 \2/p' "$out")
rm -f "$out"
ut_run=${ut_run:-0}; ut_failed=${ut_failed:-0}
[ "$ut_fail" -eq 1 ] && [ "$ut_failed" -eq 0 ] && ut_failed=1
echo "$((ut_run - ut_failed)) $ut_failed 0" >> "$CL_TALLY"

for t in tests/sh/[0-9]*.sh; do
  [ -e "$t" ] || continue
  echo "== $t"
  if ! bash "$t"; then failed_parts+=("$t"); fi
done

read -r P F S < <(awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}' "$CL_TALLY")
echo
if [ ${#failed_parts[@]} -gt 0 ]; then
  echo "FAILED parts: ${failed_parts[*]}"
  [ "$F" -eq 0 ] && F=${#failed_parts[@]}
fi
echo "check: $P passed, $F failed, $S skipped"
[ ${#failed_parts[@]} -eq 0 ]
