#!/usr/bin/env bash
# Installs Debian packages non-interactively: as root directly, otherwise
# through sudo; if neither is possible, prints the exact command to run.
set -u
pkgs=("$@")
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all packages present (${pkgs[*]})"
  exit 0
fi
cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo_cmd=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo_cmd="sudo"
else
  echo "deps: missing packages: ${missing[*]}"
  echo "deps: run as root:  $cmd"
  exit 1
fi
echo "deps: installing ${missing[*]}"
# tshark asks whether non-root users may capture; answer "no" without a prompt.
echo "wireshark-common wireshark-common/install-setuid boolean false" | $sudo_cmd debconf-set-selections 2>/dev/null || true
$sudo_cmd apt-get update -qq || exit 1
$sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" || exit 1
