#!/usr/bin/env bash
# tests/cross/check-cross.sh ARCH -- `make check-cross ARCH=s390x|aarch64`
# (issue 11 §5): byte order and portability proved on another machine.
#   1. installs what it needs when missing (Debian: the cross compiler, its
#      libc, qemu-user, and GMP + CUnit for that architecture through
#      `dpkg --add-architecture`), via .ci/install-deps.sh;
#   2. cross-compiles bin/cryptolab and bin/cryptolab-tests, statically
#      linked, into build/cross-ARCH/ (the x86 fast paths -- aesni, clmul,
#      shani -- compile to stubs there: see the Makefile's ISA flags);
#   3. runs under qemu-user (-L /usr/TRIPLET): every CUnit suite, then the
#      vector files -- vectors/ and $SHARED_VECTORS -- with EVERY portable
#      implementation: AES spec, ttable and ct (AES, GCM files), SHA-256 spec
#      and fast (SHA, HMAC files), and the rest (RSA, PKCS#1, HKDF) once.
# s390x is big-endian, aarch64 little-endian.  Last line: "check-cross
# ARCH: N passed, M failed, K skipped"; exit 1 if anything failed.
set -u
cd "$(dirname "$0")/../.."
ARCH=${1:-s390x}
case $ARCH in
  s390x)   DEBARCH=s390x ;;
  aarch64|arm64) ARCH=aarch64; DEBARCH=arm64 ;;
  *) echo "check-cross: ARCH must be s390x or aarch64 (got '$ARCH')"; exit 2 ;;
esac
TRIPLET=$ARCH-linux-gnu
XCC=$TRIPLET-gcc
QEMU=qemu-$ARCH
OUT=build/cross-$ARCH
SHARED_VECTORS=${SHARED_VECTORS:-../shared/vectors}
PKGS=(gcc-$TRIPLET libc6-dev-$DEBARCH-cross qemu-user "libgmp-dev:$DEBARCH" "libcunit1-dev:$DEBARCH")

P=0; F=0; S=0
pass() { P=$((P + 1)); echo "  ok   $1"; }
fail() { F=$((F + 1)); echo "  FAIL $1"; [ $# -ge 3 ] && { echo "       expected: $2"; echo "       actual:   $3"; }; return 0; }
skip() { S=$((S + 1)); echo "  SKIP $1: $2"; }
finish() {
  echo "check-cross $ARCH: $P passed, $F failed, $S skipped"
  [ "$F" -eq 0 ]; exit $?
}

# ---- 1. packages
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== check-cross $ARCH: installing ${missing[*]}"
  if ! dpkg --print-foreign-architectures | grep -qx "$DEBARCH"; then
    if [ "$(id -u)" -eq 0 ]; then dpkg --add-architecture "$DEBARCH"
    elif sudo -n true 2>/dev/null; then sudo dpkg --add-architecture "$DEBARCH"
    else echo "check-cross: run as root: dpkg --add-architecture $DEBARCH && apt-get update && apt-get install ${PKGS[*]}"; exit 1; fi
  fi
  bash .ci/install-deps.sh "${PKGS[@]}" || exit 1
fi
for t in "$XCC" "$QEMU"; do
  command -v "$t" >/dev/null || { echo "check-cross: $t not found after installing ${PKGS[*]}"; exit 1; }
done

# ---- 2. build (GMP and CUnit of the target through its pkg-config files)
echo "== check-cross $ARCH: building with $XCC into $OUT/"
mkdir -p "$(dirname "$OUT")"          # its log goes beside it: build/ is missing in a fresh clone
if ! env -u MAKEFLAGS -u MAKELEVEL PKG_CONFIG_LIBDIR=/usr/lib/$TRIPLET/pkgconfig:/usr/share/pkgconfig \
     make -s -j2 NO_DEPS=1 CC="$XCC" CFLAGS=-static BUILD="$OUT" BIN="$OUT/bin" \
     "$OUT/bin/cryptolab" "$OUT/bin/cryptolab-tests" > "$OUT.log" 2>&1; then
  fail "cross build for $ARCH" "build succeeds" "$(grep -m5 -E 'error|Error' "$OUT.log")"
  finish
fi
pass "cross build for $ARCH ($(file -b "$OUT/bin/cryptolab" | cut -d, -f1-2))"
run() { "$QEMU" -L "/usr/$TRIPLET" "$@"; }

# ---- 3a. CUnit suites
out=$(run "$OUT/bin/cryptolab-tests" 2>&1); rc=$?
line=$(printf '%s\n' "$out" | grep '^cryptolab-tests: ')
echo "  $line"
if [ "$rc" -eq 0 ] && grep -q ' 0 failed' <<< "$line"; then pass "CUnit suites under $QEMU"
else fail "CUnit suites under $QEMU" "0 failed" "rc $rc: $line"; printf '%s\n' "$out" | grep -B2 -A8 'had failures' | head -40; fi

# The x86-only implementations must be reported absent, not crash.
v=$(run "$OUT/bin/cryptolab" version -v 2>&1)
if grep -qi 'aesni.*not available\|aesni.*unavailable\|aesni: no' <<< "$v" || ! grep -qi 'aesni.*available' <<< "$v"; then
  pass "aesni absent on $ARCH"
else fail "aesni absent on $ARCH" "not available" "$(grep -i aesni <<< "$v")"; fi

# ---- 3b. vector files, every portable implementation
vectors() {   # NAME ENV-ASSIGNMENT PATH...
  local name=$1 envset=$2; shift 2
  local paths=() p
  for p in "$@"; do [ -e "$p" ] && paths+=("$p"); done
  if [ ${#paths[@]} -eq 0 ]; then skip "$name" "no files ($*)"; return; fi
  local o rc last
  o=$(env $envset "$QEMU" -L "/usr/$TRIPLET" "$OUT/bin/cryptolab" vectors "${paths[@]}" 2>&1); rc=$?
  last=$(printf '%s\n' "$o" | tail -n 1)
  case "$last" in
    "0 passed"*) fail "$name" "some cases" "$last" ;;
    *" passed, 0 failed"*) if [ "$rc" -eq 0 ]; then pass "$name: $last"; else fail "$name" "exit 0" "exit $rc: $last"; fi ;;
    *) fail "$name" "N passed, 0 failed" "$last"; printf '%s\n' "$o" | grep -E 'FAIL|failed' | grep -v ' 0 failed' | head -10 ;;
  esac
}
SV=$SHARED_VECTORS
[ -d "$SV" ] || skip "shared NIST/RFC vectors" "$SV not found (set SHARED_VECTORS): only vectors/ runs"
for impl in spec ttable ct; do
  vectors "AES + GCM vectors, AES $impl" "CRYPTOLAB_AES_IMPL=$impl" vectors/aes "$SV/cavp/aes" "$SV/cavp/gcm"
done
for impl in spec fast; do
  vectors "SHA-256 + HMAC vectors, SHA-256 $impl" "CRYPTOLAB_SHA256_IMPL=$impl" vectors/sha256 "$SV/cavp/sha" "$SV/cavp/hmac"
done
vectors "RSA, PKCS#1, HKDF vectors" "" vectors/rsa "$SV/cavp/rsa" "$SV/pkcs1" "$SV/rfc5869"
finish
