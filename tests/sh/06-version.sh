#!/usr/bin/env bash
# tests/sh/06-version.sh -- --version on every program, and on the
# subcommands whose model tool has one (sha256sum: coreutils' format),
# exit status 0, the version of common/version.h; --help mentions it.
source "$(dirname "$0")/lib.sh"

V=$(sed -n 's/^#define CL_VERSION "\(.*\)"/\1/p' common/version.h)
[ -n "$V" ] || fail "CL_VERSION in common/version.h"

check_version() {   # NAME EXPECTED_FIRST_LINE COMMAND...
  local name=$1 want=$2; shift 2
  local out rc
  out=$("$@" 2>&1); rc=$?
  expect_eq "$name --version: exit status" 0 "$rc"
  expect_eq "$name --version: first line" "$want" "$(head -1 <<< "$out")"
  if grep -q '^Copyright (c) ' <<< "$out" && grep -q '^License BSD-2-Clause' <<< "$out"; then pass "$name --version: copyright and licence lines"
  else fail "$name --version: copyright and licence lines" "Copyright (c) ... / License BSD-2-Clause ..." "$out"; fi
}
check_version cryptolab "cryptolab $V" "$CL" --version
check_version "cryptolab sha256sum" "sha256sum (cryptolab) $V" "$CL" sha256sum --version
for p in server client mitm; do
  check_version "cryptolab-$p" "cryptolab-$p (cryptolab) $V" "bin/cryptolab-$p" --version
done
# coreutils' own layout, line by line, when it is there (first line "sha256sum (GNU coreutils) N").
if have sha256sum && sha256sum --version 2>/dev/null | head -1 | grep -q '^sha256sum (GNU coreutils) '; then
  expect_eq "sha256sum --version: as many lines up to the warranty line as coreutils" \
    "$(sha256sum --version | sed -n '1,/^There is NO WARRANTY/p' | wc -l)" \
    "$("$CL" sha256sum --version | sed -n '1,/^There is NO WARRANTY/p' | wc -l)"
else
  skip "sha256sum --version layout" "coreutils sha256sum not installed"
fi
# `cryptolab version` agrees.
expect_eq "cryptolab version: first line" "cryptolab $V" "$("$CL" version | head -1)"
# --help names --version.
for c in "$CL --help" "$CL sha256sum --help" "bin/cryptolab-server --help" "bin/cryptolab-client --help" "bin/cryptolab-mitm --help"; do
  # shellcheck disable=SC2086
  if $c 2>&1 | grep -q -- '--version'; then pass "$c mentions --version"; else fail "$c mentions --version" "--version in the help" "absent"; fi
done
finish
