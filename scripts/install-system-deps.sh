#!/usr/bin/env bash
# Installs the system packages the test suite drives for real (OBS, Xvfb, ffmpeg, nginx-rtmp, Chromium, openssl,
# CJK fonts) on Debian/Ubuntu. Idempotent: packages already present are not touched and apt is skipped.
set -euo pipefail

PACKAGES=(obs-studio xvfb ffmpeg nginx libnginx-mod-rtmp chromium fonts-noto-cjk iproute2 openssl)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-system-deps: all present (${PACKAGES[*]})"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: apt-get not found. Install these with your package manager: ${missing[*]}" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

echo "install-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The Debian nginx package starts a system-wide nginx on port 80; the tests run their own instances.
if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl disable --now nginx >/dev/null 2>&1 || true; fi
$SUDO pkill -x nginx >/dev/null 2>&1 || true
echo "install-system-deps: done"
