#!/usr/bin/env bash
# tests/fresh/check-fresh.sh -- `make check-fresh`: the README's two commands
# on a fresh machine.  Builds a minimal Debian 12 root with debootstrap
# (minbase + gcc, make, git, gpgv) under build/check-fresh/, clones the
# committed HEAD into it (no ../shared there: those vectors are skipped),
# and runs `make demo` and then `make check` as the first commands, as root
# in a chroot.  Everything they need, they must install themselves.
#
# The root gets its own /dev (a private tmpfs with device nodes made by
# mknod, and its own devpts instance); the host's /dev is never mounted into
# it.  Everything mounted is unmounted before anything is removed, and a tree
# is removed only when /proc/mounts shows nothing mounted under it.
# Not part of `make check` (it takes minutes and needs root and the network).
#
#   CHECK_FRESH_MIRROR   default: the URI of /etc/apt/sources.list.d/debian.sources, else deb.debian.org
#   CHECK_FRESH_KEEP=1   keep the root afterwards (unmounted) for a look
set -u
cd "$(dirname "$0")/../.."
TOP=$(pwd)
say() { echo "check-fresh: $*"; }
die() { echo "check-fresh: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, mknod, mount, chroot): run it as root"
if ! command -v debootstrap >/dev/null 2>&1; then
  bash .ci/install-deps.sh --auto debootstrap || die "debootstrap is missing and could not be installed"
fi
git rev-parse --verify -q HEAD >/dev/null || die "not a git checkout with a commit"

SUITE=bookworm
MIRROR=${CHECK_FRESH_MIRROR:-$(sed -n 's/^URIs: *\(http[^ ]*debian\)\/*$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
WORK=$TOP/build/check-fresh
ROOT=$WORK/root
TARBALL=$WORK/$SUITE-minbase.tgz
LOG=$WORK/log
mkdir -p "$WORK"

# ---------------------------------------------------------------- mounts
MOUNTS=()            # what we mounted, in order (unmounted in reverse)
mounted_under() { awk -v r="$1" '$2 == r || index($2, r "/") == 1 {print $2}' /proc/mounts; }
mnt() { mount "$@" && MOUNTS+=("${!#}"); }
stop_chroot_processes() {
  # processes whose root is our tree (left over by a test): ours, by pid
  local p r
  for p in /proc/[0-9]*; do
    r=$(readlink "$p/root" 2>/dev/null) || continue
    [ "$r" = "$ROOT" ] && kill -TERM "${p#/proc/}" 2>/dev/null
  done
  return 0
}
unmount_all() {
  local i m
  stop_chroot_processes
  for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
    m=${MOUNTS[i]}
    grep -q " $m " /proc/mounts && { umount "$m" 2>/dev/null || { sleep 1; umount "$m"; }; }
  done
  MOUNTS=()
}
remove_root() {
  [ -d "$ROOT" ] || return 0
  if [ -n "$(mounted_under "$ROOT")" ]; then
    echo "check-fresh: NOT removing $ROOT: still mounted: $(mounted_under "$ROOT" | tr '\n' ' ')" >&2
    return 1
  fi
  rm -rf --one-file-system "$ROOT"
}
cleanup() {
  unmount_all
  [ "${CHECK_FRESH_KEEP:-0}" = 1 ] || remove_root
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A previous run that was killed may have left a root (unmounted by its trap;
# if not, we refuse to touch it).
if [ -d "$ROOT" ]; then
  [ -z "$(mounted_under "$ROOT")" ] || die "$ROOT still has mounts from an earlier run: $(mounted_under "$ROOT" | tr '\n' ' ')"
  rm -rf --one-file-system "$ROOT"
fi

# ---------------------------------------------------------------- the root
INCLUDE=gcc,make,git,gpgv
if [ ! -s "$TARBALL" ]; then
  say "downloading Debian 12 minbase + $INCLUDE from $MIRROR into $TARBALL (once; reused later)"
  debootstrap --variant=minbase --include=$INCLUDE --make-tarball="$TARBALL.tmp" \
    "$SUITE" "$WORK/tarball-tmp" "$MIRROR" > "$WORK/debootstrap.log" 2>&1 ||
    { tail -5 "$WORK/debootstrap.log"; die "debootstrap --make-tarball failed (network? see $WORK/debootstrap.log)"; }
  mv "$TARBALL.tmp" "$TARBALL"
  [ -z "$(mounted_under "$WORK/tarball-tmp")" ] && rm -rf --one-file-system "$WORK/tarball-tmp"
fi
say "debootstrap $SUITE (minbase + $INCLUDE) into $ROOT"
debootstrap --variant=minbase --include=$INCLUDE --unpack-tarball="$TARBALL" \
  "$SUITE" "$ROOT" "$MIRROR" > "$WORK/debootstrap.log" 2>&1 ||
  { tail -5 "$WORK/debootstrap.log"; die "debootstrap failed (see $WORK/debootstrap.log)"; }
# debootstrap may leave its own /proc (and /sys) mounted: take them over.
for m in $(mounted_under "$ROOT" | sort -r); do umount "$m" || die "cannot unmount $m"; done

# Its own /dev: a private tmpfs, nodes made here (never the host's /dev).
mnt -t tmpfs -o mode=755,nosuid,size=16m cl-fresh-dev "$ROOT/dev"
mknod -m 666 "$ROOT/dev/null"    c 1 3
mknod -m 666 "$ROOT/dev/zero"    c 1 5
mknod -m 666 "$ROOT/dev/full"    c 1 7
mknod -m 666 "$ROOT/dev/random"  c 1 8
mknod -m 666 "$ROOT/dev/urandom" c 1 9
mknod -m 666 "$ROOT/dev/tty"     c 5 0
ln -s /proc/self/fd "$ROOT/dev/fd"
ln -s /proc/self/fd/0 "$ROOT/dev/stdin"
ln -s /proc/self/fd/1 "$ROOT/dev/stdout"
ln -s /proc/self/fd/2 "$ROOT/dev/stderr"
mkdir "$ROOT/dev/pts" "$ROOT/dev/shm"
mnt -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 cl-fresh-devpts "$ROOT/dev/pts"
ln -s pts/ptmx "$ROOT/dev/ptmx"
mnt -t tmpfs -o mode=1777,nosuid,nodev,size=64m cl-fresh-shm "$ROOT/dev/shm"
mnt -t proc cl-fresh-proc "$ROOT/proc"
# Network for apt: the host's resolver settings (a copy).  No /etc/hosts:
# minbase has none, and the tests must not need one (they use 127.0.0.1,
# never a name that resolves).
cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf"

# The committed HEAD, as `git clone` would give it to a student.
HEAD=$(git rev-parse --short HEAD)
git clone -q --no-hardlinks "$TOP" "$ROOT/root/cryptolab" || die "git clone failed"
git -C "$ROOT/root/cryptolab" checkout -q --detach "$(git rev-parse HEAD)"
say "cloned HEAD $HEAD into /root/cryptolab (no ../shared there)"

# ---------------------------------------------------------------- the two commands
say "running 'make demo' then 'make check' in the chroot (log: $LOG)"
chroot "$ROOT" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  LANG=C.UTF-8 TERM=dumb /bin/bash -c 'cd /root/cryptolab && make demo && make check' < /dev/null > "$LOG" 2>&1
rc=$?
echo "---- last lines of $LOG"
tail -n 25 "$LOG"
echo "----"
if [ "$rc" -eq 0 ]; then say "PASS: make demo && make check on a fresh Debian 12 root (HEAD $HEAD)"
else say "FAIL: exit status $rc (HEAD $HEAD; full log: $LOG)"; fi
exit "$rc"
