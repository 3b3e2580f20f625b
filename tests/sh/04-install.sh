#!/usr/bin/env bash
# tests/sh/04-install.sh -- `make install PREFIX=P` gives a library people
# can build on, and `make uninstall` takes it all away again:
#   - every installed header compiles on its own with -IP/include alone;
#   - a program outside the tree, built with `pkg-config --cflags --libs
#     cryptolab`, shared and static, prints FIPS-197 C.1 and SHA-256("abc");
#   - libcryptolab.so.0 (soname), man pages for every program and command
#     (from --help: an option of each --help is in its page), the bash
#     completion (it completes commands and options);
#   - uninstall leaves no file behind; DESTDIR staging works.
source "$(dirname "$0")/lib.sh"

mk() { env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make --no-print-directory "$@"; }
if ! have help2man; then skip "make install" "help2man not installed (make deps)"; finish; exit $?; fi
if ! have pkg-config; then skip "make install" "pkg-config not installed (make deps)"; finish; exit $?; fi
P=$T_TMP/prefix
if ! mk install PREFIX="$P" > "$T_TMP/install.log" 2>&1; then
  fail "make install PREFIX=$P" "exit 0" "$(tail -5 "$T_TMP/install.log")"; finish; exit $?
fi
pass "make install PREFIX=..."
export PKG_CONFIG_PATH="$P/lib/pkgconfig"
expect_eq "pkg-config --modversion cryptolab" "$(sed -n 's/^#define CL_VERSION "\(.*\)"/\1/p' common/version.h)" \
  "$(pkg-config --modversion cryptolab 2>&1)"
san=""; [ "${SAN:-0}" = 1 ] && san="-fsanitize=address,undefined"

# Each header alone, as a user includes it: <cryptolab/MODULE/NAME.h>, -IP/include only.
n=0; bad=""
for h in $(cd "$P/include" && find cryptolab -name '*.h' | sort); do
  n=$((n + 1))
  printf '#include <%s>\nint main(void) { return 0; }\n' "$h" > "$T_TMP/h.c"
  cc -std=c11 -Wall -Wextra -Werror -pedantic -fsyntax-only $(pkg-config --cflags cryptolab) "$T_TMP/h.c" > "$T_TMP/h.log" 2>&1 ||
    { bad="$bad $h"; head -3 "$T_TMP/h.log"; }
done
expect_eq "all $n installed headers compile alone with -I$P/include" "" "$bad"
[ "$n" -ge 20 ] || fail "headers installed" ">= 20" "$n"
if grep -rq '#include "\(common\|aes\|sha256\|rsa\|net\)/' "$P/include/cryptolab"; then
  fail "installed headers include cryptolab/..." "no tree-relative include" "$(grep -rn '#include "\(common\|aes\|sha256\|rsa\|net\)/' "$P/include/cryptolab" | head -2)"
else pass "installed headers include \"cryptolab/...\""; fi
[ -e "$P/include/cryptolab/aes/aes_internal.h" ] && fail "internal headers not installed" "no aes_internal.h" "installed"

# A student's program, outside the tree.
mkdir -p "$T_TMP/student"
cat > "$T_TMP/student/kat.c" <<'C'
#include <stdio.h>
#include <cryptolab/aes/aes.h>
#include <cryptolab/sha256/sha256.h>
#include <cryptolab/common/version.h>

static void hex(const char *label, const uint8_t *b, size_t n)
{
    printf("%s ", label);
    for (size_t i = 0; i < n; i++) printf("%02x", b[i]);
    printf("\n");
}

int main(void)
{
    /* FIPS-197 Appendix C.1 */
    uint8_t key[16], in[16], out[16], d[SHA256_DIGEST_SIZE];
    for (int i = 0; i < 16; i++) { key[i] = (uint8_t)i; in[i] = (uint8_t)(0x11 * i); }
    aes_ctx ctx;
    if (aes_init(&ctx, key, sizeof key) != CL_OK || aes_encrypt_block(&ctx, in, out) != CL_OK) return 1;
    aes_clear(&ctx);
    hex("AES-128", out, 16);
    if (sha256_digest((const uint8_t *)"abc", 3, d) != CL_OK) return 1;
    hex("SHA-256(abc)", d, sizeof d);
    printf("cryptolab %s\n", cl_version());
    return 0;
}
C
want="AES-128 69c4e0d86a7b0430d8cdb78070b4c55a
SHA-256(abc) ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
cryptolab $(pkg-config --modversion cryptolab)"
cd "$T_TMP/student" || exit 1
# shared: the default when both are there
if cc $san -std=c11 -Wall -Wextra -Werror -o kat-shared kat.c $(pkg-config --cflags --libs cryptolab) > ld.log 2>&1; then
  expect_eq "shared: FIPS-197 C.1 and SHA-256(abc)" "$want" "$(LD_LIBRARY_PATH="$P/lib" ./kat-shared 2>&1)"
  if readelf -d kat-shared | grep -q 'NEEDED.*\[libcryptolab\.so\.0\]'; then pass "shared: needs libcryptolab.so.0"
  else fail "shared: needs libcryptolab.so.0" "NEEDED libcryptolab.so.0" "$(readelf -d kat-shared | grep NEEDED)"; fi
else
  fail "shared: cc kat.c \$(pkg-config --cflags --libs cryptolab)" "linked" "$(head -5 ld.log)"
fi
# static: the same flags, libraries taken from their .a
if cc $san -std=c11 -Wall -Wextra -Werror -o kat-static kat.c $(pkg-config --cflags cryptolab) \
      -Wl,-Bstatic $(pkg-config --libs --static cryptolab) -Wl,-Bdynamic > ld.log 2>&1; then
  expect_eq "static: FIPS-197 C.1 and SHA-256(abc)" "$want" "$(env -u LD_LIBRARY_PATH ./kat-static 2>&1)"
  if readelf -d kat-static | grep -q 'libcryptolab'; then fail "static: no libcryptolab.so needed" "" "$(readelf -d kat-static | grep libcryptolab)"
  else pass "static: no libcryptolab.so needed"; fi
else
  fail "static: cc kat.c \$(pkg-config --cflags --libs --static cryptolab)" "linked" "$(head -5 ld.log)"
fi
cd "$TOP" || exit 1
expect_eq "libcryptolab.so.0 is the soname" "libcryptolab.so.0" \
  "$(objdump -p "$P/lib/libcryptolab.so.0" 2>/dev/null | awk '$1 == "SONAME" {print $2}')"

# Man pages: every program and every cryptolab command, each from its --help.
for p in cryptolab cryptolab-server cryptolab-client cryptolab-mitm $("$CL" help | awk '/^  [a-z]/ {print "cryptolab-" $1}'); do
  m="$P/share/man/man1/$p.1"
  if [ ! -s "$m" ]; then fail "man page $p.1" "$m" "missing"; continue; fi
  case $p in
    cryptolab) opt=$("$CL" help | awk '/^  [a-z]/ {print $1; exit}') ;;
    cryptolab-server|cryptolab-client|cryptolab-mitm) opt=$("bin/$p" --help | grep -oE -- '--[a-z][a-z-]+' | head -1) ;;
    *) opt=$("$CL" "${p#cryptolab-}" --help 2>&1 | grep -oE -- '(^| )-[A-Za-z][A-Za-z0-9-]*' | head -1 | tr -d ' ') ;;
  esac
  # groff escapes "-" as "\-" (not in the SYNOPSIS, where help2man sets it in italics)
  if [ -z "$opt" ] || grep -qF -e "$(sed 's/-/\\-/g' <<< "$opt")" -e " $opt " "$m"; then pass "man page $p.1 (has ${opt:-its text})"
  else fail "man page $p.1 made from --help" "$opt in the page" "absent"; fi
  # the usage line is the SYNOPSIS (demo/man-usage.awk), not left in DESCRIPTION
  syn=$(sed -n '/^\.SH SYNOPSIS/,/^\.SH /p' "$m" | sed -n 2p)
  case $syn in
    ".B cryptolab"*) pass "man page $p.1: SYNOPSIS from the usage line";;
    *) fail "man page $p.1: SYNOPSIS from the usage line" ".SH SYNOPSIS / .B cryptolab..." "${syn:-no SYNOPSIS}";;
  esac
done

# Bash completion: commands of `cryptolab help`, options of a --help.
comp() {   # WORDS...: the completions for the last word
  PATH="$TOP/bin:$PATH" bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _cryptolab; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$P/share/bash-completion/completions/cryptolab" "$@"
}
# (the sha* commands as `cryptolab help` lists them: sha256-extend, sha256-step, sha256-trace, sha256sum)
expect_eq "completion: cryptolab sha<TAB>" "$("$TOP/bin/cryptolab" help | awk '$1 ~ /^sha/ {print $1}' | sort | tr '\n' ' ' | sed 's/ $//')" \
  "$(comp cryptolab sha | sort | tr '\n' ' ' | sed 's/ $//')"
if comp cryptolab-server --f | grep -qx -- '--fingerprint'; then pass "completion: cryptolab-server --f<TAB>"; else fail "completion: cryptolab-server --f<TAB>" "--fingerprint" "$(comp cryptolab-server --f)"; fi
if comp cryptolab sha256sum --ve | grep -qx -- '--version'; then pass "completion: cryptolab sha256sum --ve<TAB>"; else fail "completion: cryptolab sha256sum --ve<TAB>" "--version" "$(comp cryptolab sha256sum --ve)"; fi
expect_eq "completion: cryptolab-client HOST g<TAB>" "get" "$(comp cryptolab-client -p 1 127.0.0.1 g)"
for p in cryptolab-server cryptolab-client cryptolab-mitm; do
  [ -e "$P/share/bash-completion/completions/$p" ] && pass "completion installed for $p" || fail "completion installed for $p" "present" "missing"
done

# uninstall: nothing left (directories may stay).
mk uninstall PREFIX="$P" > "$T_TMP/uninstall.log" 2>&1 || fail "make uninstall" "exit 0" "$(tail -3 "$T_TMP/uninstall.log")"
expect_eq "make uninstall leaves no file" "" "$(find "$P" ! -type d | sed "s|^$P/||" | head -5 | tr '\n' ' ')"

# DESTDIR staging: the files under DESTDIR, the .pc naming the real prefix.
mk install DESTDIR="$T_TMP/stage" PREFIX=/opt/cl > "$T_TMP/stage.log" 2>&1 || fail "make install DESTDIR=" "exit 0" "$(tail -3 "$T_TMP/stage.log")"
expect_eq "DESTDIR: cryptolab.pc prefix" "prefix=/opt/cl" "$(head -1 "$T_TMP/stage/opt/cl/lib/pkgconfig/cryptolab.pc" 2>&1)"
mk uninstall DESTDIR="$T_TMP/stage" PREFIX=/opt/cl > /dev/null 2>&1
expect_eq "DESTDIR: uninstall leaves no file" "" "$(find "$T_TMP/stage" ! -type d | head -3)"
finish
