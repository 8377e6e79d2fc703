# Shared by run.sh and test.sh: find or make the virtual environment, install into it.
# Sourced, not run.

ensure_venv() {
  if [ -n "${VIRTUAL_ENV:-}" ]; then
    return 0
  fi
  local py="${PYTHON:-python3}"
  if ! command -v "$py" >/dev/null 2>&1; then
    echo "nnviz: Python 3.10 or newer is needed (install python3)" >&2
    exit 1
  fi
  if [ ! -x .venv/bin/python ]; then
    if ! "$py" -m venv .venv 2>/dev/null; then
      rm -rf .venv
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "nnviz: installing python3-venv (needed to make a virtual environment)"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
        "$py" -m venv .venv
      else
        echo "nnviz: cannot make a virtual environment; install it with: sudo apt-get install python3-venv" >&2
        exit 1
      fi
    fi
  fi
  # shellcheck disable=SC1091
  source .venv/bin/activate
}

install_quietly() {
  python -m pip install --disable-pip-version-check -q "$@"
}
