"""Window memory over a long training run: RSS of the window and its training child each minute.

    xvfb-run -a python bench/window_memory.py --minutes 30 [--preset live-default] [--every 60]

Starts ``main.py --autostart`` as a separate process (so this script's own memory does not
count), reads VmRSS from /proc every ``--every`` seconds and prints one line per sample; the
last line gives the growth of the window between the first full minute and the end.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return float("nan")


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=30.0)
    ap.add_argument("--every", type=float, default=60.0, help="seconds between samples")
    ap.add_argument("--preset", default="live-default")
    args = ap.parse_args(argv)
    total = args.minutes * 60.0
    window = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--preset", args.preset,
                               "--autostart", "--quit-after", str(total + 5)], cwd=ROOT)
    t0, samples = time.monotonic(), []
    try:
        while window.poll() is None and time.monotonic() - t0 < total + 1:
            kids = children(window.pid)
            w, c = rss_mb(window.pid), sum(rss_mb(k) for k in kids)
            elapsed = time.monotonic() - t0
            samples.append((elapsed, w, c))
            print(f"{elapsed / 60:6.1f} min  window {w:7.1f} MB  training child {c:7.1f} MB",
                  flush=True)
            time.sleep(args.every)
    finally:
        if window.poll() is None:
            window.terminate()
        window.wait(30)
    full = [s for s in samples if s[0] >= 60.0] or samples
    if len(full) >= 2:
        print(f"window RSS growth from {full[0][0] / 60:.1f} to {full[-1][0] / 60:.1f} min: "
              f"{full[-1][1] - full[0][1]:+.1f} MB; training child {full[-1][2] - full[0][2]:+.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
