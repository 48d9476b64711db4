#!/usr/bin/env bash
# Set up (if needed) and start Critic Lab. Extra arguments go to main.py.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python main.py "$@"
