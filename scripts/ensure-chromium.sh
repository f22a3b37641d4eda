#!/usr/bin/env bash
# Before the test suite: the browser tests drive Debian's Chromium, which `npm ci` cannot bring.
# Installs the `chromium` package when it is missing and this user may install packages;
# otherwise stops at once with one line saying what to install.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
[ -x "$CHROMIUM" ] && exit 0

install() {
  echo "Installing Debian's chromium package for the browser tests..."
  "$@" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "$@" apt-get install -y -qq chromium >/dev/null
}

if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    install env
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    install sudo env
  fi
fi

if [ ! -x "$CHROMIUM" ]; then
  echo "The browser tests need Chromium at $CHROMIUM: install Debian's package first (sudo apt-get install chromium)." >&2
  exit 1
fi
