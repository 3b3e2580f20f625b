#!/usr/bin/env bash
# Installs Debian packages non-interactively: as root directly, otherwise
# through `sudo -n` (never a password prompt); if neither is possible, says
# so in one line with the exact apt-get command to run.
#
#   install-deps.sh PKG...                       `make deps`: says what it does
#   install-deps.sh --auto [--error-file F] PKG...
#       what `make` runs by itself before building or testing: silent when
#       nothing is missing; when it cannot install, writes its one line to F
#       (or stdout) and exits 1.
# Then it checks the python3 on PATH for PyCryptodome (a pyenv, conda or venv
# python3 may lack it even when Debian's has it) and says what happens.
set -u
auto=0; errfile=""
while [ $# -gt 0 ]; do
  case $1 in
    --auto) auto=1; shift ;;
    --error-file) errfile=$2; shift 2 ;;
    *) break ;;
  esac
done
pkgs=("$@")

say() { [ "$auto" -eq 1 ] || echo "$@"; }
die() {   # the one line
  if [ -n "$errfile" ]; then echo "$*" > "$errfile"; else echo "$*"; fi
  exit 1
}

python_note() {
  local py cand
  py=$(command -v python3 2>/dev/null) || return 0
  "$py" -c 'import importlib.util as u, sys; sys.exit(not (u.find_spec("Cryptodome") or u.find_spec("Crypto")))' 2>/dev/null && return 0
  for cand in /usr/bin/python3 /usr/local/bin/python3; do
    [ -x "$cand" ] && [ "$cand" != "$py" ] &&
      "$cand" -c 'import importlib.util as u, sys; sys.exit(not (u.find_spec("Cryptodome") or u.find_spec("Crypto")))' 2>/dev/null &&
      { say "deps: note: $py (the python3 on PATH) has no PyCryptodome; the Python scripts re-run themselves with $cand, which has it"; return 0; }
  done
  say "deps: note: $py (the python3 on PATH) has no PyCryptodome: $py -m pip install pycryptodome (or use Debian's /usr/bin/python3 with python3-pycryptodome)"
}

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  [ "$auto" -eq 1 ] && die "deps: no dpkg/apt-get on this system: install a C compiler, make, pkg-config and the GMP and CUnit development files (Debian names: ${pkgs[*]})"
  echo "deps: not a Debian/Ubuntu system; the Debian package names are: ${pkgs[*]}"
  exit 1
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  say "deps: all packages present (${pkgs[*]})"
  python_note
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo_cmd=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo_cmd=(sudo -n)
else
  die "deps: missing ${missing[*]} and no root or password-free sudo here: run  sudo sh -c 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}'"
fi
if [ "$auto" -eq 1 ]; then
  echo "deps: installing the missing packages first (as 'make deps' does): ${missing[*]}"
else
  echo "deps: installing ${missing[*]}"
fi
# tshark asks whether non-root users may capture; answer "no" without a prompt.
echo "wireshark-common wireshark-common/install-setuid boolean false" | "${sudo_cmd[@]}" debconf-set-selections 2>/dev/null || true
"${sudo_cmd[@]}" apt-get update -qq || die "deps: 'apt-get update' failed (network? /etc/apt/sources.list): then run  apt-get install -y --no-install-recommends ${missing[*]}"
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" ||
  die "deps: 'apt-get install ${missing[*]}' failed (see above)"
python_note
exit 0
