#!/usr/bin/env bash
# tests/check.sh -- what `make check` runs, in order:
#   1. bin/cryptolab-tests            (every CUnit suite)
#   2. tests/sh/*.sh                  (vector files, CLI comparisons with
#                                      openssl/sha256sum, socket tests, labs;
#                                      with TSAN=1 only the network tests,
#                                      the channel's and TLS's)
# Each part prints its own results; the last line is the grand total
# "N passed, M failed".  Exit status is non-zero if anything failed.
set -u
cd "$(dirname "$0")/.."
export SHARED_VECTORS=${SHARED_VECTORS:-../shared/vectors}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=23}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export CL_TALLY
CL_TALLY=$(mktemp)
tsan_dir=$(mktemp -d)
trap 'rm -f "$CL_TALLY"; rm -rf "$tsan_dir"' EXIT
if [ "${TSAN:-0}" = 1 ]; then
  export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=0:exitcode=66:second_deadlock_stack=1:suppressions=$PWD/tests/tsan.supp:log_path=$tsan_dir/report}
fi

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

# TSAN=1 (make check TSAN=1): ThreadSanitizer build; the CUnit suites above
# and the network tests (servers, clients, proxies with their threads) run:
# 50-59 and 61-62 (the channel, its server and proxies) and 85-99 (TLS:
# s_server's connection threads on net/core.c, s_client, the peers).
# Every report goes to a file under $tsan_dir (log_path), whatever the test
# does with the program's stderr, and any report fails the check below.
scripts=(tests/sh/[0-9]*.sh)
if [ "${TSAN:-0}" = 1 ]; then
  scripts=()
  for t in ${CL_TSAN_TESTS:-tests/sh/5[0-9]-*.sh tests/sh/6[12]-*.sh tests/sh/8[5-9]-*.sh tests/sh/9[0-9]-*.sh}; do
    [ -e "$t" ] && scripts+=("$t")
  done
  echo "== TSAN=1: CUnit suites and the network tests: ${scripts[*]}"
fi
for t in "${scripts[@]}"; do
  [ -e "$t" ] || continue
  echo "== $t"
  if ! bash "$t"; then failed_parts+=("$t"); fi
done

if [ "${TSAN:-0}" = 1 ]; then
  reports=$(cat "$tsan_dir"/report.* 2>/dev/null | grep -c '^WARNING: ThreadSanitizer' || true)
  if [ "${reports:-0}" -gt 0 ]; then
    echo "== ThreadSanitizer: $reports report(s); the first of each file:"
    for f in "$tsan_dir"/report.*; do echo "-- $f"; sed -n '1,40p' "$f"; done | head -300
    failed_parts+=("ThreadSanitizer ($reports reports)")
    echo "0 1 0" >> "$CL_TALLY"
  else
    echo "== ThreadSanitizer: no report"
    echo "1 0 0" >> "$CL_TALLY"
  fi
fi

read -r P F S < <(awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}' "$CL_TALLY")
echo
if [ ${#failed_parts[@]} -gt 0 ]; then
  echo "FAILED parts: ${failed_parts[*]}"
  [ "$F" -eq 0 ] && F=${#failed_parts[@]}
fi
echo "check: $P passed, $F failed, $S skipped"
[ ${#failed_parts[@]} -eq 0 ]
