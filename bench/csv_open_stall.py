"""Opening a big point-cloud CSV in the window: event-loop stalls, time and peak memory.

    QT_QPA_PLATFORM=offscreen python bench/csv_open_stall.py FILE.csv

Runs the window's reader (app.csv_open.CsvLoad, a thread) while a 10 ms QTimer on the GUI
thread records how late each tick fires; prints the worst stall, the p99, the load time and
the process's peak RSS above what it was before the load.
"""
from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.csv_open import CsvLoad, CsvOpenDialog  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    return float("nan")


def main(path: str) -> int:
    app = QApplication.instance() or QApplication([])
    late, when, last = [], [], [time.monotonic()]

    def tick():
        now = time.monotonic()
        late.append(now - last[0] - 0.010)
        when.append(now)
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()  # first 3 s idle: the stalls this machine has anyway, for comparison
    QTimer.singleShot(3000, app.quit)
    app.exec()
    idle = sorted(late)
    late.clear()
    when.clear()
    load = CsvLoad(path)
    if not os.environ.get("NO_DIALOG"):
        CsvOpenDialog(load)
    outcome = []
    load.loaded.connect(lambda p, n: (outcome.append(f"{n} points"), app.quit()))
    load.failed.connect(lambda text: (outcome.append(text), app.quit()))
    before, peak_before = rss_mb(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = last[0] = time.monotonic()
    load.start()
    app.exec()
    seconds = time.monotonic() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worst = max(range(len(late)), key=late.__getitem__)
    print(f"worst stall ends {when[worst] - t0:.2f} s after the load started")
    late.sort()
    size = os.path.getsize(path) / 2**20
    print(f"{path}: {size:.0f} MB, {outcome[0]} in {seconds:.1f} s; event-loop stall max "
          f"{1000 * late[-1]:.0f} ms, p99 {1000 * late[int(0.99 * (len(late) - 1))]:.0f} ms over "
          f"{len(late)} ticks; RSS before {before:.0f} MB, peak {max(peak, peak_before):.0f} MB "
          f"(+{max(peak, peak_before) - before:.0f} MB = {(max(peak, peak_before) - before) / size:.2f}"
          f"x the file); idle before: stall max {1000 * idle[-1]:.0f} ms, p99 "
          f"{1000 * idle[int(0.99 * (len(idle) - 1))]:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
