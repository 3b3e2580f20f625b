#!/usr/bin/env bash
# 45-fuzz-corpus: every fuzz target (tests/fuzz/fuzz_NAME.c, built with the
# replay driver by `make tests`) runs every corpus file of every target
# (tests/fuzz/corpus/*/): seeds made from vectors/ and the regression
# inputs of past findings.  No crash, no sanitizer report (under SAN=1), no
# failed property.  Also: each target has its corpus folder, and the seed
# files are what tests/fuzz/make_corpus.py makes from vectors/ today (if a
# vector file changed since, that is said as a skip: make fuzz-corpus).
. "$(dirname "$0")/lib.sh"
R=build/fuzz-replay
C=tests/fuzz/corpus
names=()
for src in tests/fuzz/fuzz_*.c; do
  [ -e "$src" ] || continue
  n=${src#tests/fuzz/fuzz_}; names+=("${n%.c}")
done
if [ ${#names[@]} -eq 0 ]; then skip fuzz-targets "no tests/fuzz/fuzz_*.c"; finish; exit; fi
dirs=()
for n in "${names[@]}"; do
  if [ -d "$C/$n" ] && [ -n "$(ls -A "$C/$n")" ]; then pass "corpus-$n"; dirs+=("$C/$n")
  else fail "corpus-$n" "a non-empty $C/$n/" "missing or empty"; fi
done
total=$(find "${dirs[@]}" -type f | wc -l)
for n in "${names[@]}"; do
  bin=$R/fuzz_$n
  if [ ! -x "$bin" ]; then fail "replay-$n" "$bin built by make tests" "missing"; continue; fi
  out=$("$bin" "${dirs[@]}" 2>"$T_TMP/err")
  rc=$?
  want="fuzz_$n: $total inputs replayed"
  if [ $rc -eq 0 ] && [ "$out" = "$want" ]; then pass "replay-$n"
  else fail "replay-$n" "$want (exit 0)" "$out (exit $rc)"; tail -20 "$T_TMP/err"; fi
done
# the seeds are regenerable: make_corpus.py gives the committed files
if ! have python3; then
  skip seeds "python3 not installed"
elif [ ! -d "$SHARED_VECTORS" ]; then
  skip seeds "$SHARED_VECTORS missing (some seeds come from it)"
else
  python3 tests/fuzz/make_corpus.py "$T_TMP/corpus" "${names[@]}" >/dev/null
  for n in "${names[@]}"; do
    if [ ! -d "$T_TMP/corpus/$n" ]; then skip "seeds-$n" "no generator in make_corpus.py (hand-made corpus)"; continue; fi
    d=$(cd "$T_TMP/corpus/$n" && ls seed-* 2>/dev/null | sort)
    c=$(cd "$C/$n" 2>/dev/null && ls seed-* 2>/dev/null | sort)
    if [ "$d" = "$c" ] && (cd "$T_TMP/corpus/$n" && for f in seed-*; do cmp -s "$f" "$TOP/$C/$n/$f" || exit 1; done); then
      pass "seeds-$n"
    else skip "seeds-$n" "stale: vectors/ changed since the seeds were made (run: make fuzz-corpus)"; fi
  done
fi
finish
