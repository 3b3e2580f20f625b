#!/usr/bin/env bash
# tests/sh/01-build-portable.sh -- the build does not assume x86, and
# `make help` prints the help and nothing else.
#   - the x86 instruction-set flags (-maes, -mpclmul, -msha, -msse4.1, -mssse3)
#     are given only when `$(CC) -dumpmachine` names an x86 target: checked with
#     `make -n` and a compiler wrapper that reports aarch64 and s390x;
#   - with a real cross compiler (aarch64-linux-gnu-gcc, s390x-linux-gnu-gcc)
#     the x86-only files compile there (to stubs), else that part is skipped.
source "$(dirname "$0")/lib.sh"

isa_re='-m(aes|pclmul|sha|sse4\.1|ssse3)( |$)'
x86_files="build/obj/aes/aes_aesni.o build/obj/aes/ghash_clmul.o build/obj/sha256/sha256_shani.o"

# A "compiler" that says it targets $1; make -n never runs it for real.
fakecc() {
  local f="$T_TMP/cc-$1"
  printf '#!/bin/sh\n[ "$1" = -dumpmachine ] && { echo %s; exit 0; }\nexec cc "$@"\n' "$1" > "$f"
  chmod +x "$f"
  echo "$f"
}

for m in x86_64-linux-gnu aarch64-linux-gnu s390x-linux-gnu; do
  cc_m=$(fakecc "$m")
  # -B: print every command as if all were out of date; BUILD: a private tree.
  cmds=$(env -u MAKEFLAGS -u MAKELEVEL make -n -B CC="$cc_m" BUILD="$T_TMP/b-$m" \
           $(echo "$x86_files" | sed "s#build/#$T_TMP/b-$m/#g") 2>&1)
  n=$(grep -cE -- "$isa_re" <<< "$cmds")
  if [ "$m" = x86_64-linux-gnu ]; then
    expect_eq "ISA flags on $m (3 x86-only files)" 3 "$n"
  else
    expect_eq "no ISA flags on $m" 0 "$n"
    [ "$n" -eq 0 ] || grep -E -- "$isa_re" <<< "$cmds" | head -3
  fi
done

# Real cross compilers, when installed: the x86-only files and the
# dispatchers compile with -Werror (GMP-free files only: gmp.h is per arch).
for xcc in aarch64-linux-gnu-gcc s390x-linux-gnu-gcc; do
  if ! have "$xcc"; then skip "compile for ${xcc%-gcc}" "$xcc not installed"; continue; fi
  ok=1
  for f in aes/aes_aesni.c aes/ghash_clmul.c sha256/sha256_shani.c aes/aes_fast.c aes/aes.c sha256/sha256_fast.c aes/aes_ct64.c; do
    if ! env -u MAKEFLAGS -u MAKELEVEL make -s CC="$xcc" BUILD="$T_TMP/x-$xcc" "$T_TMP/x-$xcc/obj/${f%.c}.o" > "$T_TMP/x.log" 2>&1; then
      ok=0; fail "compile $f for ${xcc%-gcc}"; head -5 "$T_TMP/x.log"
    fi
  done
  [ "$ok" -eq 1 ] && pass "compile for ${xcc%-gcc}"
done

# make help: the comment block at the top of the Makefile, no Makefile code,
# and every `make TARGET` it names is a real target.  `make -n` still runs
# the Makefile's $(shell) lines and the recursive $(MAKE) of a target such
# as `debug`, which rewrote build/.flags (DEBUG=1): the next real make of
# the tree then rebuilt everything, under the tests that followed.  So the
# dry runs get a build tree of their own.
help=$(env -u MAKEFLAGS -u MAKELEVEL make --no-print-directory help 2>&1)
bad=$(grep -E '^[[:space:]]*[A-Za-z_]+[[:space:]]*[?:+]?=' <<< "$help")
expect_eq "make help prints no Makefile assignments" "" "$bad"
for t in $(grep -oE '^ *make [a-z][a-z-]*' <<< "$help" | awk '{print $2}' | sort -u); do
  if env -u MAKEFLAGS -u MAKELEVEL make -n BUILD="$T_TMP/n" BIN="$T_TMP/n/bin" "$t" 2>&1 | grep -q 'No rule to make target'; then
    fail "make help names a real target: $t" "a rule for $t" "No rule to make target"
  else
    pass "make help: $t exists"
  fi
done
finish
