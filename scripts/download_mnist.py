#!/usr/bin/env python3
"""Download MNIST for Critic Lab: the same as ``critic-lab --download-mnist [--dest FOLDER]``."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.mnist_download import main  # noqa: E402  (plain Python: no torch, no Qt)

if __name__ == "__main__":
    sys.exit(main())
