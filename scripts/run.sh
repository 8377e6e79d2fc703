#!/usr/bin/env bash
# Install nnviz into a virtual environment (made here when none is active) and start it.
# Usage: bash scripts/run.sh [nnviz options…]     e.g. bash scripts/run.sh --mode lecture
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/_venv.sh
source scripts/_venv.sh
ensure_venv
install_quietly .
exec python -m nnviz "$@"
