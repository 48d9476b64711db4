"""Compare mode with K runs: frames/s of the window and each run's training speed against its
share of the cores, in one process, in alternating rounds.

    QT_QPA_PLATFORM=offscreen python bench/compare_frames.py [--runs 4] [--seconds 5] [--rounds 5]

Each round has three phases of ``--seconds``:
  drawn   - the compare window shown, K live-default runs (seeds 0..K-1) training in lock-step
            in their child process; frames drawn per second and lock-step steps/s;
  hidden  - the same, window hidden and its frame clock stopped (nothing drawn);
  alone   - the compare runs paused, ONE live-default run training in its own child (the same
            engine), no window: its steps/s divided by K is one run's share of what the
            cores give a single run.
"share ratio" = lock-step steps/s while drawn / (alone steps/s / K): ≥ 1 means the K runs
together train as fast as K one-after-another runs would; the target is ≥ 0.8.

Like ``main.py --compare``, the bench holds the window to one core and training to the others
(engine/core_split.py); ``--no-core-split`` leaves both to the scheduler.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication  # noqa: E402

from engine.core_split import keep_window_on_one_core  # noqa: E402
from engine.presets import preset_config  # noqa: E402
from window_ticks import DrawnTicks, pump  # noqa: E402  (bench/ is on the path)


def rate(mailbox, seconds: float, ticks: DrawnTicks | None = None) -> tuple[float, float]:
    """Steps/s of whatever feeds ``mailbox`` over ``seconds`` (and frames drawn per second)."""
    step0 = mailbox.latest().step
    frames0 = ticks.count if ticks is not None else 0
    t0 = time.monotonic()
    pump(seconds)
    elapsed = time.monotonic() - t0
    frames = (ticks.count - frames0) / elapsed if ticks is not None else 0.0
    return (mailbox.latest().step - step0) / elapsed, frames


def wait_for_step(mailbox, step: int, limit: float = 120.0) -> None:
    end = time.monotonic() + limit
    while (mailbox.latest() is None or mailbox.latest().step < step) and time.monotonic() < end:
        pump(0.1)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" ({os.cpu_count()} cores)"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--no-core-split", action="store_true",
                    help="leave the window and training to the scheduler (not as main.py does)")
    args = ap.parse_args(argv)
    print(f"load average at start {_load()}")
    if not args.no_core_split:
        print(f"window held to core {keep_window_on_one_core()}")
    app = QApplication.instance() or QApplication([])
    from app.compare_window import CompareWindow
    from engine.compare_snapshot import RunSpec
    from engine.process_worker import ProcessWorker
    from widgets.theme import configure_pyqtgraph

    configure_pyqtgraph()
    specs = [RunSpec(preset_config("live-default", seed=i, device="cpu")) for i in range(args.runs)]
    window = CompareWindow(specs, title="bench", autostart=True)
    window.show()
    window.resize(1600, 1000)
    alone = ProcessWorker(preset_config("live-default", seed=0, device="cpu"), autostart=False)
    alone.start()
    box = window.worker.mailbox
    ticks = DrawnTicks(window.clock, window.surfaces)
    wait_for_step(box, 20)  # imports, first probes
    wait_for_step(alone.mailbox, 0)
    rows = []
    for r in range(args.rounds):
        drawn, fps = rate(box, args.seconds, ticks)
        window.hide()
        window.clock.stop()
        hidden, _ = rate(box, args.seconds)
        window.worker.pause()
        alone.play()
        pump(0.5)  # the pause reaches the child; the single run warms up
        single, _ = rate(alone.mailbox, args.seconds)
        alone.pause()
        window.worker.play()
        window.show()
        window.clock._last_tick = None  # the hidden phases are not stalls
        window.clock.start()
        pump(0.5)
        share = drawn / (single / args.runs)
        rows.append((drawn, hidden, single, fps, share))
        print(f"round {r + 1}: drawn {drawn:.1f} lock-step steps/s at {fps:.1f} frames/s; hidden "
              f"{hidden:.1f}; one run alone {single:.1f} steps/s (share {single / args.runs:.1f}); "
              f"share ratio {share:.2f}; drawn/hidden {drawn / hidden:.2f}")
    late = sorted(window.clock.lateness) or [0.0]
    window.close()
    alone.stop()
    med = [statistics.median(col) for col in zip(*rows)]
    shares = [row[4] for row in rows]
    fps = [row[3] for row in rows]
    print(f"{args.runs} runs of live-default (3×128, 1 training thread), {args.rounds} rounds of "
          f"{args.seconds:.0f} s a phase; load average {_load()}")
    print(f"frames/s median {med[3]:.1f} (range {min(fps):.1f}-{max(fps):.1f}); share ratio median "
          f"{med[4]:.2f} (range {min(shares):.2f}-{max(shares):.2f}); drawn/hidden "
          f"{med[0] / med[1]:.2f}; event-loop stall p99 "
          f"{1000 * late[int(0.99 * (len(late) - 1))]:.0f} ms")


if __name__ == "__main__":
    main()
