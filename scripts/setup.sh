#!/usr/bin/env bash
# Installs what a fresh Debian machine (Node 20, root) lacks to run corset's demo and its
# whole test suite: the three browser engines, Xvfb for WebKitGTK, redis-server for the
# Redis session store tests, openssl, then the npm dependencies from the lockfile.
# Idempotent: apt is only called when something is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium firefox-esr webkit2gtk-driver xvfb xauth redis-server openssl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
