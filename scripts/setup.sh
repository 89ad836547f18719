#!/usr/bin/env bash
# Set up a fresh Debian machine (Python 3.11, root) and run the main job or the tests.
#   bash scripts/setup.sh demo   install into .venv/ and run `yichuang` on the bundled sample
#   bash scripts/setup.sh test   install test needs too and run the whole test suite
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-demo}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
  echo "setup: need root (or sudo) to install Debian packages: $*" >&2; return 1; fi; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

python_env() {
  local extras="$1"
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
  fi
  .venv/bin/python -m pip install -q --upgrade pip==26.3 >/dev/null
  # constraints.txt pins every package in the tree: a fresh machine gets the same set.
  .venv/bin/python -m pip install -q -c constraints.txt ".[${extras}]"
}

case "$mode" in
  demo)
    python_env all
    # a bundled case: open a convenience store (一件事: business registration + food licence)
    .venv/bin/yichuang check --matter convenience_store_opening --as-of 2026-11-23 \
      --notice out/convenience_store_notice.html samples/cases/convenience_store
    ;;
  test)
    # CJK fonts render the Chinese test pages (sans, serif, and a handwriting-like kai);
    # Redis and PostgreSQL are started by the integration tests (SeaweedFS comes from PyPI);
    # the browser tests drive Debian's Chromium with Playwright (no browser download).
    # poppler-utils: the print tests turn Chromium's PDF into text and pictures (pdftotext, pdftoppm).
    apt_install fonts-noto-cjk fonts-arphic-ukai fontconfig redis-server postgresql chromium poppler-utils
    python_env all,test
    .venv/bin/ruff check .
    exec .venv/bin/python -m pytest -q -p no:cacheprovider
    ;;
  *)
    echo "usage: bash scripts/setup.sh demo|test" >&2
    exit 2
    ;;
esac
