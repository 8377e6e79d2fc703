#!/usr/bin/env bash
# Install what the tests need and run the whole suite headless (lint included).
# Usage: bash scripts/test.sh [pytest options…]
# Headless OpenGL needs Debian's libgl1 libegl1 libgl1-mesa-dri (and xvfb plus the openbox window
# manager for the real-window tests: fullscreen and resizes need a window manager). They are
# installed when missing and this runs as root; otherwise it says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

needed=(libgl1 libegl1 libgl1-mesa-dri xvfb xauth openbox x11-utils)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${needed[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "nnviz tests: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "nnviz tests: missing system packages; install them with:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

# shellcheck source=scripts/_venv.sh
source scripts/_venv.sh
ensure_venv
install_quietly -e ".[test]"

echo "== ruff =="
ruff check nnviz tests scripts
echo "== pytest =="
# The suite makes its own EGL contexts; keep pygame from looking for a display.
export SDL_VIDEODRIVER="${SDL_VIDEODRIVER:-dummy}"
python -m pytest "$@"
