# tests/sh/x509lib.sh -- sourced by tests/sh/8[0-4]-x509-*.sh (after lib.sh).
#
#   x509_corpus    makes (once per build tree) the openssl-made corpus of
#                  tests/x509/make-corpus.sh in build/x509-corpus and sets
#                  XC to it and T_AT to its -attime; returns 1 (after a
#                  skip) when openssl or python3 is missing.
#   same_output NAME EXPECTED-FILE ACTUAL-FILE   pass, or fail with a diff
XC=$TOP/build/x509-corpus

x509_corpus() {
  if ! have openssl; then skip "x509 corpus" "openssl not installed (make deps)"; return 1; fi
  if ! have python3; then skip "x509 corpus" "python3 not installed (make deps)"; return 1; fi
  local sum; sum=$(cksum < "$TOP/tests/x509/make-corpus.sh")
  if [ ! -f "$XC/.stamp" ] || [ "$(cat "$XC/.stamp")" != "$sum" ]; then
    rm -rf "$XC" "$XC.new"
    if ! bash "$TOP/tests/x509/make-corpus.sh" "$XC.new" > "$T_TMP/corpus.log" 2>&1; then
      fail "x509 corpus made by openssl" "exit 0" "$(tail -3 "$T_TMP/corpus.log")"
      return 1
    fi
    echo "$sum" > "$XC.new/.stamp"
    mv "$XC.new" "$XC"
  fi
  T_AT=$(cat "$XC/attime")
  return 0
}

same_output() {   # NAME EXPECTED ACTUAL
  if cmp -s "$2" "$3"; then pass "$1"; else fail "$1" "(openssl's output, < below)" "(ours, > below)"; diff "$2" "$3" | head -8 | sed 's/^/       /'; fi
}
