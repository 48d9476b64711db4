#!/usr/bin/env bash
# Set up Critic Lab on a Debian-like machine: Qt system libraries, a venv in .venv,
# torch==2.13.0 first (a bare torch requirement would pull GBs of CUDA wheels), then the app.
# Idempotent: every step is skipped when already done. Prints one line as each stage starts,
# a line every 15 s while it works, and one when it is done (a fresh install takes minutes).
set -euo pipefail
cd "$(dirname "$0")/.."

# Keep QT_LIBS in step with app/qt_libraries.py (the window's one-line hint names them too).
QT_LIBS="libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core"
XVFB_LIBS="xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1"
STAGES=4
START=$SECONDS

# stage N TEXT COMMAND...: announce, run with a heartbeat, report the time it took.
stage() {
  local n=$1 text=$2 t0=$SECONDS hb rc=0
  shift 2
  echo "setup [$n/$STAGES] $text ..."
  ( while sleep 15; do echo "setup [$n/$STAGES]   still working ($((SECONDS - t0)) s)"; done ) &
  hb=$!
  "$@" || rc=$?
  kill "$hb" 2>/dev/null || true
  wait "$hb" 2>/dev/null || true
  if [ "$rc" -ne 0 ]; then
    echo "setup [$n/$STAGES] FAILED after $((SECONDS - t0)) s: $text" >&2
    return "$rc"
  fi
  echo "setup [$n/$STAGES] done in $((SECONDS - t0)) s"
}

skip() { echo "setup [$1/$STAGES] $2: already done"; }

missing=""
if command -v dpkg-query >/dev/null 2>&1; then
  for p in $QT_LIBS $XVFB_LIBS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
fi
install_system_libs() {
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}
if [ -z "$missing" ]; then
  skip 1 "Qt system libraries"
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  stage 1 "installing Qt system libraries with apt-get:$missing" install_system_libs
else
  echo "setup [1/$STAGES] please install these Debian packages (as root):$missing" >&2
fi

PY=${PYTHON:-python3}
if [ -x .venv/bin/python ]; then
  skip 2 "virtual environment .venv"
else
  stage 2 "creating the virtual environment .venv" "$PY" -m venv .venv
fi
VPY=.venv/bin/python

if "$VPY" -c "import torch" >/dev/null 2>&1; then
  skip 3 "torch"
else
  stage 3 "installing torch 2.13.0 (CPU build, ~200 MB download)" \
    "$VPY" -m pip install -q torch==2.13.0
fi

stamp=.venv/.critic-lab-installed
if [ -f "$stamp" ] && [ ! pyproject.toml -nt "$stamp" ]; then
  skip 4 "Critic Lab and its test tools"
else
  # The 5,000 embedded MNIST digits ship inside the package (engine/data): nothing extra.
  stage 4 "installing Critic Lab and its test tools (PySide6, pyqtgraph, POT, scipy, pytest)" \
    "$VPY" -m pip install -q -e ".[test]"
  touch "$stamp"
fi
echo "setup: ready in $((SECONDS - START)) s"
