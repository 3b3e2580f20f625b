#!/usr/bin/env bash
# tests/sh/02-deps-auto.sh -- `make`, `make demo`, `make check` install what
# is missing themselves (README: two commands on a fresh machine).
#   1. the Makefile: with GMP "missing" (a pkg-config that says so), make runs
#      the installer first, restarts and builds; when the installer cannot
#      install, make stops with exactly its one line; NO_DEPS=1 never installs;
#   2. .ci/install-deps.sh with fake dpkg-query/apt-get/id/sudo: root runs
#      apt-get itself, a user with password-free sudo runs `sudo -n apt-get`,
#      anyone else gets one line with the exact apt-get command; the python3
#      on PATH without PyCryptodome is named.
# The real thing, on a fresh Debian 12 root, is `make check-fresh`.
source "$(dirname "$0")/lib.sh"

mk() { env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make --no-print-directory "$@"; }
F=$T_TMP/fake; mkdir -p "$F/bin"
# pkg-config: gmp is missing until the installer has "installed" it.
cat > "$F/bin/pkg-config" <<EOF
#!/bin/sh
case "\$*" in *gmp*) [ -e "$F/installed" ] || exit 1 ;; esac
exec $(command -v pkg-config) "\$@"
EOF
chmod +x "$F/bin/pkg-config"
printf 'echo "installer: $*" >> "%s/log"; touch "%s/installed"\n' "$F" "$F" > "$F/inst-ok.sh"
printf 'while [ $# -gt 0 ]; do [ "$1" = --error-file ] && echo "deps: THE ONE LINE" > "$2"; shift; done; exit 1\n' > "$F/inst-fail.sh"

# 1a. missing GMP: the installer runs (with --auto and every Debian package), then the build goes on.
out=$(PATH="$F/bin:$PATH" mk -n BUILD="$T_TMP/b1" DEPS_INSTALLER="$F/inst-ok.sh" lib 2>&1); rc=$?
expect_eq "make runs the installer when GMP is missing" 1 "$(grep -c 'installer: --auto' "$F/log" 2>/dev/null)"
if grep -q 'libgmp-dev' "$F/log" 2>/dev/null; then pass "installer gets the package list"; else fail "installer gets the package list" "libgmp-dev in the arguments" "$(cat "$F/log" 2>/dev/null)"; fi
if [ "$rc" -eq 0 ] && grep -q -- '-c aes/aes.c' <<< "$out"; then pass "after installing, make restarts and builds"
else fail "after installing, make restarts and builds" "rc 0 and compile commands" "rc $rc: $(head -3 <<< "$out")"; fi

# 1b. the installer cannot install: exactly one line, naming what to run.
rm -f "$F/installed"
out=$(PATH="$F/bin:$PATH" mk -n BUILD="$T_TMP/b2" DEPS_INSTALLER="$F/inst-fail.sh" lib 2>&1); rc=$?
expect_eq "cannot install: make fails" 2 "$rc"
expect_eq "cannot install: one line of output" 1 "$(grep -c . <<< "$out")"
if grep -q 'deps: THE ONE LINE' <<< "$out"; then pass "cannot install: the installer's line is the message"; else fail "cannot install: the installer's line" "deps: THE ONE LINE" "$out"; fi

# 1c. NO_DEPS=1: no installer, one line naming make deps.
: > "$F/log"
out=$(PATH="$F/bin:$PATH" mk -n BUILD="$T_TMP/b3" NO_DEPS=1 DEPS_INSTALLER="$F/inst-ok.sh" lib 2>&1)
expect_eq "NO_DEPS=1: installer not run" 0 "$(grep -c . "$F/log")"
if grep -q "make deps" <<< "$out" && [ "$(grep -c . <<< "$out")" -eq 1 ]; then pass "NO_DEPS=1: one line naming make deps"; else fail "NO_DEPS=1: one line" "...run 'make deps'" "$out"; fi

# 1d. goals that need nothing (help, clean) never run the installer.
: > "$F/log"
PATH="$F/bin:$PATH" mk -n BUILD="$T_TMP/b4" DEPS_INSTALLER="$F/inst-ok.sh" help > /dev/null 2>&1
expect_eq "make help: installer not run" 0 "$(grep -c . "$F/log")"

# 2. the installer itself, with fake system tools.
S=$T_TMP/sys; mkdir -p "$S/bin"
cat > "$S/bin/dpkg-query" <<'EOF'
#!/bin/sh
# every package missing except build-essential
for a; do case $a in build-essential) echo 'install ok installed';; esac; done
exit 0
EOF
printf '#!/bin/sh\necho "apt-get $*" >> "%s/log"\n' "$S" > "$S/bin/apt-get"
printf '#!/bin/sh\n[ "$1" = -u ] && { echo "${FAKE_UID:-1000}"; exit 0; }\nexec /usr/bin/id "$@"\n' > "$S/bin/id"
printf '#!/bin/sh\n[ "$1" = -n ] || exit 1\nshift\n[ "$1" = true ] && exit 0\necho "sudo -n $*" >> "%s/log"\n' "$S" > "$S/bin/sudo-ok"
printf '#!/bin/sh\necho "debconf $*" >/dev/null\n' > "$S/bin/debconf-set-selections"
chmod +x "$S"/bin/*
inst() { env PATH="$S/bin:$PATH" bash .ci/install-deps.sh "$@"; }

: > "$S/log"
FAKE_UID=0 inst --auto build-essential libgmp-dev > "$T_TMP/o1" 2>&1; rc=$?
expect_eq "root: installs" 0 "$rc"
if grep -q 'install -y -qq --no-install-recommends libgmp-dev$' "$S/log" && ! grep -q sudo "$S/log"; then pass "root: apt-get install of the missing package only"
else fail "root: apt-get install libgmp-dev" "apt-get ... install ... libgmp-dev" "$(cat "$S/log")"; fi

: > "$S/log"; ln -sf sudo-ok "$S/bin/sudo"
inst --auto build-essential libgmp-dev > "$T_TMP/o2" 2>&1; rc=$?
expect_eq "user with sudo -n: installs" 0 "$rc"
if grep -q '^sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install' "$S/log"; then pass "user: through sudo -n"
else fail "user: through sudo -n" "sudo -n env ... apt-get install" "$(cat "$S/log")"; fi

: > "$S/log"; rm -f "$S/bin/sudo"; printf '#!/bin/sh\nexit 1\n' > "$S/bin/sudo"; chmod +x "$S/bin/sudo"
inst --auto --error-file "$T_TMP/err" build-essential libgmp-dev libcunit1-dev > "$T_TMP/o3" 2>&1; rc=$?
expect_eq "no root, no sudo: fails" 1 "$rc"
expect_eq "no root, no sudo: installs nothing" 0 "$(grep -c . "$S/log")"
expect_eq "no root, no sudo: one line" 1 "$(grep -c . "$T_TMP/err" 2>/dev/null)"
if grep -q "apt-get install -y --no-install-recommends libgmp-dev libcunit1-dev'" "$T_TMP/err" 2>/dev/null; then pass "no root, no sudo: the exact apt-get command"
else fail "no root, no sudo: the exact apt-get command" "... apt-get install -y --no-install-recommends libgmp-dev libcunit1-dev" "$(cat "$T_TMP/err" 2>/dev/null)"; fi

# The python3 on PATH without PyCryptodome is named by make deps.
printf '#!/bin/sh\nexit 1\n' > "$S/bin/python3"; chmod +x "$S/bin/python3"
printf '#!/bin/sh\nfor a; do echo "install ok installed"; done\n' > "$S/bin/dpkg-query"
out=$(inst build-essential 2>&1)
if grep -q "$S/bin/python3 (the python3 on PATH) has no PyCryptodome" <<< "$out"; then pass "make deps names the python3 without PyCryptodome"
else fail "make deps names the python3 without PyCryptodome" "... has no PyCryptodome ..." "$out"; fi
finish
