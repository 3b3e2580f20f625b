#!/usr/bin/env bash
# 46-ctgrind: the constant-time check (docs/security.md).  Every path of
# build/ctgrind/bin/ctgrind (tests/ctgrind/ct_*.c) runs under valgrind
# memcheck with its secrets marked undefined; each report is a branch or
# a memory index that depends on a secret.  Expectations:
#   clean  no report at all;
#   leaks  a control (spec/ttable AES): MUST be reported, or the check is blind;
#   gmp    no report in cryptolab's code; reports inside libgmp are counted
#          and listed in build/ctgrind/report.txt (docs/security.md says why).
# Skipped (said) without valgrind.  `make ctgrind` builds and runs it;
# `make check` runs it when valgrind is installed (building the checked
# library, build/ctgrind, first).
. "$(dirname "$0")/lib.sh"
if ! have valgrind; then skip ctgrind "valgrind not installed (make deps)"; finish; exit; fi
if [ ! -f /usr/include/valgrind/memcheck.h ]; then skip ctgrind "valgrind/memcheck.h missing"; finish; exit; fi
B=build/ctgrind
if ! make --no-print-directory ctgrind-build >"$T_TMP/build.log" 2>&1; then
  fail ctgrind-build "make ctgrind-build succeeds" "failed"; tail -20 "$T_TMP/build.log"; finish; exit
fi
mkdir -p "$B/log"
report=$B/report.txt
: > "$report"
# One line per report: KIND<TAB>where.  KIND is "gmp" when the innermost
# frame is in libgmp, else "own"; where = the innermost frame and the
# first frame in cryptolab's sources.
classify() {
  awk '
    function flush() {
      if (!inerr) return
      kind = (decide ~ /libgmp/) ? "gmp" : "own"
      printf "%s\t%s\t%s | %s\n", kind, msg, frame(first), (own == "" ? "-" : frame(own))
      inerr = 0
    }
    function frame(f) { sub(/^==[0-9]+== +(at|by) 0x[0-9A-F]+: /, "", f); return f }
    /^==[0-9]+== [A-Z]/ {
      if ($0 ~ /SUMMARY|For lists|For counts|Memcheck|Copyright|Using Valgrind|Command:|rerun with|More than [0-9]+ errors/) next
      flush(); inerr = 1; msg = $0; sub(/^==[0-9]+== /, "", msg); first = ""; own = ""; decide = ""; next
    }
    /^==[0-9]+== +(at|by) / {
      if (first == "") first = $0
      # the innermost frame outside libc, valgrind'\''s replacements and
      # GMP'\''s allocation hooks (rsa/rsa_gmp_memory.c, called by GMP with
      # the sizes GMP computed) decides
      if (decide == "" && $0 !~ /vgpreload|libc\.so|\(in \/usr\/lib\/x86_64-linux-gnu\/libc|rsa_gmp_memory\.c|explicit_bzero \(/) decide = $0
      if (own == "" && $0 ~ /\([a-z0-9_]+\.c:[0-9]+\)/) own = $0
      next
    }
    /^==[0-9]+== *$/ { flush() }
    END { flush() }
  ' "$1"
}
while read -r name expect what; do
  log=$B/log/$name.log
  valgrind -q --tool=memcheck --num-callers=20 --error-limit=no --log-file="$log" \
      "$B/bin/ctgrind" "$name" >/dev/null 2>"$T_TMP/err"
  rc=$?
  if [ $rc -eq 77 ]; then skip "ct-$name" "not available on this CPU"; echo "$name: skipped (CPU)" >> "$report"; continue; fi
  classify "$log" > "$T_TMP/c"
  own=$(grep -c '^own' "$T_TMP/c"); gmp=$(grep -c '^gmp' "$T_TMP/c")
  total=$((own + gmp))
  printf '%-18s %-6s %4d reports (%d in cryptolab, %d in GMP)  %s\n' "$name" "$expect" "$total" "$own" "$gmp" "$what" >> "$report"
  # cryptolab's own reports in full; GMP's by GMP function and by the
  # cryptolab line that called into GMP
  grep '^own' "$T_TMP/c" | cut -f2- | sort | uniq -c | sort -rn | sed 's/^/    own /' >> "$report"
  grep '^gmp' "$T_TMP/c" | cut -f3 | sed -e 's/ (in [^)]*)//g' -e 's/\.part\.0//' | sort | uniq -c | sort -rn | sed 's/^/    gmp /' >> "$report"
  if [ $rc -ne 0 ]; then fail "ct-$name" "path runs and gives right results (exit 0)" "exit $rc: $(head -3 "$T_TMP/err")"; continue; fi
  case $expect in
    clean) if [ "$total" -eq 0 ]; then pass "ct-$name"; else fail "ct-$name" "0 reports" "$total ($own in cryptolab, $gmp in GMP; see $report)"; fi ;;
    leaks) if [ "$total" -gt 0 ]; then pass "ct-$name"; else fail "ct-$name" "reports (a secret-indexed table)" "0: the check is blind"; fi ;;
    gmp)   if [ "$own" -eq 0 ]; then pass "ct-$name"; else fail "ct-$name" "0 reports in cryptolab code" "$own (see $report)"; fi ;;
  esac
  printf '  %-18s %-6s %4d reports (%d in cryptolab, %d in GMP)\n' "$name" "$expect" "$total" "$own" "$gmp"
done < <("$B/bin/ctgrind" --list)
finish
