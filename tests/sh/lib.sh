# tests/sh/lib.sh -- sourced by every shell test in tests/sh/.
#
#   pass NAME                    one check passed
#   fail NAME [EXPECTED ACTUAL]  one check failed (prints both values)
#   skip NAME REASON             a check could not run (said, never silent)
#   expect_eq NAME EXPECTED ACTUAL
#   finish                       prints the script's tally; exit 1 on failure
#
# Run from the top of the tree (make check does).  $CL is bin/cryptolab.
set -u
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$TOP"
CL="$TOP/bin/cryptolab"
SHARED_VECTORS=${SHARED_VECTORS:-../shared/vectors}
T_NAME=$(basename "$0" .sh)
T_PASS=0; T_FAIL=0; T_SKIP=0
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/cryptolab-$T_NAME.XXXXXX")
trap 'rm -rf "$T_TMP"' EXIT

pass() { T_PASS=$((T_PASS + 1)); [ -n "${VERBOSE:-}" ] && echo "  ok   $1"; return 0; }
fail() {
  T_FAIL=$((T_FAIL + 1))
  echo "  FAIL $1"
  if [ $# -ge 3 ]; then
    echo "       expected: $2"
    echo "       actual:   $3"
  fi
  return 0
}
skip() { T_SKIP=$((T_SKIP + 1)); echo "  SKIP $1: $2"; return 0; }
expect_eq() { if [ "$2" == "$3" ]; then pass "$1"; else fail "$1" "$2" "$3"; fi; }
have() { command -v "$1" >/dev/null 2>&1; }
# Random hex of N bytes from the OS (test inputs; reproducibility is by printing them on failure).
randhex() { head -c "$1" /dev/urandom | od -An -tx1 -v | tr -d ' \n'; }

finish() {
  echo "$T_NAME: $T_PASS passed, $T_FAIL failed, $T_SKIP skipped"
  if [ -n "${CL_TALLY:-}" ]; then echo "$T_PASS $T_FAIL $T_SKIP" >> "$CL_TALLY"; fi
  [ "$T_FAIL" -eq 0 ]
}
