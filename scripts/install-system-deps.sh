#!/usr/bin/env bash
# Installs the system packages the test suite drives for real (OBS, Xvfb, ffmpeg, nginx-rtmp, Chromium, openssl,
# CJK fonts, PostgreSQL, Redis) on Debian/Ubuntu. Idempotent: packages already present are not touched and apt is
# skipped.
set -euo pipefail

# procps: `ps`, with which the PostgreSQL and Redis tests check that a stopped server left no process behind.
PACKAGES=(obs-studio xvfb ffmpeg nginx libnginx-mod-rtmp chromium fonts-noto-cjk iproute2 openssl postgresql redis-server procps)

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
# postgresql and redis-server likewise start system-wide servers (ports 5432, 6379); the tests start throwaway ones
# (tests/helpers/postgres.ts, redis.ts). Only the ones this run installed are stopped: a developer's own is not ours.
for svc in postgresql redis-server; do
  [[ " ${missing[*]} " == *" $svc "* ]] || continue
  if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl disable --now "$svc" >/dev/null 2>&1 || true; fi
  # Without systemd running (a container), the packages started them through their init.d scripts.
  $SUDO service "$svc" stop >/dev/null 2>&1 || true
done
echo "install-system-deps: done"
