#!/usr/bin/env bash
# tests/fuzz/run.sh SECONDS NAME... -- runs the libFuzzer binaries of
# `make fuzz` (build/fuzz/bin/fuzz_NAME) one after the other, each for at
# most SECONDS seconds (and at most $FUZZ_RUNS executions when set), on a
# working corpus build/fuzz/work/NAME seeded from tests/fuzz/corpus/NAME.
# Extra libFuzzer options: $FUZZ_FLAGS.  Logs: build/fuzz/log/NAME.log;
# a crash, leak, sanitizer report or timeout leaves its input in
# build/fuzz/artifacts/ and makes the script fail (after the other targets).
# $FUZZ_BIN_DIR and $FUZZ_OUT move the binaries and the work/log/artifacts
# folders elsewhere (a long campaign runs from a copy).
# One summary line per target: executions, exec/s, cov and ft (libFuzzer's
# edge coverage and features) at the end of the run.
set -u
cd "$(dirname "$0")/../.."
secs=$1; shift
B=${FUZZ_OUT:-build/fuzz}
BIN_DIR=${FUZZ_BIN_DIR:-build/fuzz/bin}
mkdir -p "$B/log" "$B/artifacts"
failed=()
for name in "$@"; do
  bin=$BIN_DIR/fuzz_$name
  [ -x "$bin" ] || { echo "fuzz: $bin missing (make fuzz)"; failed+=("$name"); continue; }
  mkdir -p "$B/work/$name"
  log=$B/log/$name.log
  extra=()
  [ -n "${FUZZ_RUNS:-}" ] && extra+=("-runs=$FUZZ_RUNS")
  # shellcheck disable=SC2086
  "$bin" -max_total_time="$secs" "${extra[@]}" ${FUZZ_FLAGS:--rss_limit_mb=2048 -timeout=25} \
      -print_final_stats=1 -artifact_prefix="$B/artifacts/$name-" \
      "$B/work/$name" "tests/fuzz/corpus/$name" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(find "$B/work/$name" -type f | wc -l)
  if [ $rc -eq 0 ]; then res=ok; else res="FAILED (exit $rc, see $log)"; failed+=("$name"); fi
  printf 'fuzz_%-12s %10s execs %7s/s  cov %5s  ft %6s  corpus %5s  %s\n' \
      "$name" "${execs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "$corp" "$res"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]} (inputs in $B/artifacts/)"
  exit 1
fi
