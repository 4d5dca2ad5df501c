#!/usr/bin/env bash
# Rasd's two quick-start commands:
#   bash dev.sh dashboard   set up (once) and open the dashboard on the bundled demo data
#   bash dev.sh test        set up (once) and run the whole test suite (what CI runs)
# Needs only Python 3.11+; everything else is installed into ./.venv by this script.
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3}
VENV=.venv

setup() {
  if [ ! -x "$VENV/bin/python" ]; then
    echo "==> creating $VENV"
    "$PYTHON" -m venv "$VENV"
  fi
  # Reinstall only when pyproject.toml changed since the last install.
  local stamp="$VENV/.rasd-installed"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "==> installing Rasd and its dependencies into $VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e ".[test]"
    touch "$stamp"
  fi
}

ensure_chromium() {
  # The real-browser test drives Debian's chromium through Playwright (no browser download).
  if command -v chromium >/dev/null 2>&1; then return; fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing Debian chromium for the browser test"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "note: chromium not found and cannot be installed here (not root / no apt-get); the browser test will be skipped" >&2
  fi
}

case "${1:-}" in
  dashboard)
    shift
    setup
    "$VENV/bin/python" -m pipeline demo build        # builds data/demo.sqlite once, with a progress bar
    exec "$VENV/bin/python" -m streamlit run dashboard.py --server.headless true "$@"
    ;;
  test)
    shift
    setup
    ensure_chromium
    exec "$VENV/bin/python" -m pytest "$@"
    ;;
  *)
    echo "usage: bash dev.sh dashboard | bash dev.sh test [pytest args]" >&2
    exit 2
    ;;
esac
