#!/usr/bin/env bash
# tests/sh/05-symbols.sh -- the library exports only prefixed names.
# Every global symbol defined in build/libcryptolab.a and every symbol
# exported by build/libcryptolab.so carries one of the modules' prefixes
# (docs/architecture.md, "Names"); the standards' names (SubBytes, xtime,
# KeyExpansion, SHA256_K, ...) are still there as LOCAL symbols, for gdb;
# and a student's program that defines its own xtime, SubBytes, Cipher and
# sha256 links with both libraries.
# A new module adds its prefix to PREFIXES (and to docs/architecture.md).
source "$(dirname "$0")/lib.sh"

PREFIXES="cl aes gcm ghash sha256 sha1 hmac hkdf pbkdf2 rsa der pem pbes2 net x509 tls tls12 tls13 ffdhe"
re="^($(echo $PREFIXES | tr ' ' '|'))_"
re_upper="^($(echo $PREFIXES | tr 'a-z ' 'A-Z|'))_"
A=build/libcryptolab.a
SO=build/libcryptolab.so
if ! have nm; then skip "symbols" "nm not installed (binutils)"; finish; exit $?; fi
for f in "$A" "$SO"; do [ -e "$f" ] || { fail "$f built" "$f" "missing (make lib)"; finish; exit $?; }; done

check_list() {   # NAME: names on stdin
  local what=$1 bad n
  # (__odr_asan.NAME: AddressSanitizer's one-definition-rule markers in SAN=1 builds)
  bad=$(grep -v -E "$re" | grep -v -E "$re_upper" | grep -v '^__odr_asan\.' | sort -u | tr '\n' ' ')
  expect_eq "$what: no unprefixed global symbol" "" "$bad"
}
nm -g --defined-only "$A" | awk 'NF == 3 {print $3}' > "$T_TMP/a.txt"
check_list "libcryptolab.a" < "$T_TMP/a.txt"
n=$(grep -c . "$T_TMP/a.txt"); [ "$n" -gt 100 ] && pass "libcryptolab.a exports $n symbols" || fail "libcryptolab.a exports its API" "> 100 symbols" "$n"
# The shared library: what it exports (dynamic symbols), and its own symbol
# table (hidden symbols are local there).  Linker-made symbols are ignored.
linker='^(_init|_fini|_edata|_end|__bss_start)$'
nm -D --defined-only "$SO" | awk '{print $NF}' | grep -v -E "$linker" | check_list "libcryptolab.so (exported)"
nm -g --defined-only "$SO" | awk 'NF == 3 {print $3}' | grep -v -E "$linker" | check_list "libcryptolab.so (global)"
expect_eq "libcryptolab.so soname" "libcryptolab.so.0" \
  "$(objdump -p "$SO" 2>/dev/null | awk '$1 == "SONAME" {print $2}')"

# The standard's names stay, as local symbols (gdb: break SubBytes).
for s in SubBytes ShiftRows MixColumns AddRoundKey Cipher InvCipher KeyExpansion SubWord RotWord Rcon xtime gf_mul SHA256_K SHA256_H0; do
  t=$(nm "$A" | awk -v s="$s" '$3 == s {print $2}' | head -1)
  case $t in [trdb]) pass "$s is a local symbol of libcryptolab.a" ;;
    *) fail "$s is a local symbol of libcryptolab.a" "t, r, d or b" "${t:-absent}" ;; esac
done

# A student's own AES beside ours: no "multiple definition".
# (Under make check SAN=1 the library needs the sanitizer runtimes.)
san=""; [ "${SAN:-0}" = 1 ] && san="-fsanitize=address,undefined"
cat > "$T_TMP/mine.c" <<'C'
#include <stdint.h>
#include <stdio.h>
#include "aes/aes.h"
#include "sha256/sha256.h"
uint8_t xtime(uint8_t b);
uint8_t xtime(uint8_t b) { return (uint8_t)((b << 1) ^ ((b >> 7) * 0x1b)); }
void SubBytes(uint8_t s[4][4]); void SubBytes(uint8_t s[4][4]) { (void)s; }
void Cipher(void); void Cipher(void) { }
int sha256(int x); int sha256(int x) { return x; }
int main(void)
{
    aes_ctx ctx; uint8_t k[16] = {0}, b[16] = {0}, d[32];
    if (aes_init(&ctx, k, 16) != CL_OK || aes_encrypt_block(&ctx, b, b) != CL_OK) return 1;
    if (sha256_digest((const uint8_t *)"abc", 3, d) != CL_OK) return 1;
    printf("%02x %02x %02x\n", xtime(0xd4), b[0], d[0]);
    return 0;
}
C
if cc $san -std=c11 -I. -o "$T_TMP/mine-static" "$T_TMP/mine.c" "$A" $(pkg-config --libs gmp) -lpthread > "$T_TMP/ld.log" 2>&1; then
  expect_eq "own xtime/SubBytes/Cipher/sha256 + libcryptolab.a" "b3 66 ba" "$("$T_TMP/mine-static")"
else
  fail "own xtime/SubBytes/Cipher/sha256 link with libcryptolab.a" "linked" "$(head -3 "$T_TMP/ld.log")"
fi
if cc $san -std=c11 -I. -o "$T_TMP/mine-shared" "$T_TMP/mine.c" -Lbuild -lcryptolab -Wl,-rpath,"$TOP/build" > "$T_TMP/ld.log" 2>&1; then
  expect_eq "own xtime/SubBytes/Cipher/sha256 + libcryptolab.so" "b3 66 ba" "$("$T_TMP/mine-shared")"
else
  fail "own xtime/SubBytes/Cipher/sha256 link with libcryptolab.so" "linked" "$(head -3 "$T_TMP/ld.log")"
fi
finish
