#!/usr/bin/env bash
# Installs the Debian packages the tests and the demo need, only those missing. Idempotent.
set -euo pipefail

packages=(docker.io busybox-static docker-registry python3-jinja2 python3-yaml docker-compose postgresql zsh
  chromium chromium-driver mmdebstrap python3-jupyter-client python3-jupyter-server python3-nbclient)
command -v mvn >/dev/null 2>&1 || packages+=(maven)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps: need root to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
