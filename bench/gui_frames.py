"""The window under load: frames/s, snapshot age, event-loop stalls, and training steps/s
with the window divided by steps/s of the same worker with no window, in one process.

    QT_QPA_PLATFORM=offscreen python bench/gui_frames.py [--seconds 5] [--preset live-default]
                                                         [--busy-core] [--warmup 4]

"Frames" are frame-clock ticks that drew something: a new snapshot, or the generated samples
gliding between probes. ``--busy-core`` runs a process that keeps one core busy all the while
(as another program on the machine would); the load average is printed at start and end,
and that process's loops per second in both phases: what the window costs *it*.

Like ``main.py``, the bench holds the window to one core and training to the others
(engine/core_split.py); ``--no-core-split`` leaves both to the scheduler, as before that.

The GUI process's own CPU time (all its threads, as % of one core) is printed for both phases:
on a machine whose other core is busy, that is what the window takes from training.

"Headless" is the same TrainingWorker (same thread count, same diagnostics cadence) while the
window is hidden and its frame clock stopped, so nothing is drawn. Drawing and headless phases
alternate every few seconds in one process, so the machine's slow spells hit both alike.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from engine.core_split import keep_window_on_one_core  # noqa: E402
from engine.presets import preset_config  # noqa: E402
from window_ticks import DrawnTicks, pump  # noqa: E402  (bench/ is on the path)


def measure(window, ticks: DrawnTicks, seconds: float, loops) -> tuple[float, ...]:
    """Generator steps/s over ``seconds`` of event loop, frames drawn per second meanwhile,
    this (the GUI) process's CPU time in % of one core, and the busy process's loops/s."""
    worker = window.session.worker
    step0, frames0, t0 = worker.mailbox.latest().step, ticks.count, time.monotonic()
    cpu0, loops0 = time.process_time(), loops.value
    pump(seconds)
    elapsed = time.monotonic() - t0
    return ((worker.mailbox.latest().step - step0) / elapsed, (ticks.count - frames0) / elapsed,
            100 * (time.process_time() - cpu0) / elapsed, (loops.value - loops0) / elapsed)


def spin(loops) -> None:
    """Keep one core busy until terminated, counting loops (in thousands) in ``loops``."""
    while True:
        for _ in range(1000):
            pass
        loops.value += 1


def run(config, seconds: float, rounds: int, settings_path: str, warmup: float, loops) -> None:
    from app.main_window import MainWindow
    from widgets.theme import configure_pyqtgraph

    configure_pyqtgraph()
    window = MainWindow(config, autostart=True, settings=QSettings(settings_path, QSettings.IniFormat))
    window.show()
    window.resize(1600, 1000)
    clock, drawn_ticks = window.clock, DrawnTicks(window.clock, window.views["critic"])
    while clock.last_snapshot is None or clock.last_snapshot.step < 20:
        pump(0.1)  # warm-up: the first probe imports POT
    pump(warmup)  # the first W₁/JSD probes, caches and curves: start-up, not the steady state
    drawn, hidden, fps, cpu_drawn, cpu_hidden, busy_drawn, busy_hidden = ([] for _ in range(7))
    clock.ages.clear(), clock.lateness.clear(), clock.draw_times.clear()
    for r in range(rounds):
        rate, frames, cpu, busy = measure(window, drawn_ticks, seconds, loops)
        drawn.append(rate)
        busy_drawn.append(busy)
        fps.append(frames)
        cpu_drawn.append(cpu)
        window.hide()
        clock.stop()
        ticks = len(clock.lateness)
        rate_hidden, _, cpu, busy = measure(window, drawn_ticks, seconds, loops)
        hidden.append(rate_hidden)
        busy_hidden.append(busy)
        cpu_hidden.append(cpu)
        window.show()
        clock._last_tick = None  # the pause is not a stall
        clock.start()
        del clock.lateness[ticks:]
        print(f"round {r + 1}: window {rate:.1f} steps/s at {frames:.1f} frames/s; "
              f"headless {rate_hidden:.1f} steps/s; ratio {rate / rate_hidden:.2f}; "
              f"GUI process CPU {cpu_drawn[-1]:.1f} % / {cpu_hidden[-1]:.1f} % of a core")
    window.close()
    ratios = [a / b for a, b in zip(drawn, hidden)]
    print(f"preset {config.objective} width G {config.width_g} D {config.width_d}, training threads "
          f"{config.threads or 'cores-1'}, {rounds} rounds of {seconds:.0f} s each way after "
          f"{warmup:.0f} s drawn unmeasured; "
          f"load average {_load()}")
    print(f"frames/s range {min(fps):.1f}-{max(fps):.1f}; same-round steps/s ratio median "
          f"{statistics.median(ratios):.2f} (range {min(ratios):.2f}-{max(ratios):.2f})")
    print(f"frames/s median {statistics.median(fps):.1f}; snapshot age median "
          f"{1000 * statistics.median(clock.ages):.0f} ms, p95 {1000 * _pct(clock.ages, 95):.0f} ms; "
          f"event-loop stall p99 {1000 * _pct(clock.lateness, 99):.0f} ms; frame dispatch median "
          f"{1000 * statistics.median(clock.draw_times):.1f} ms")
    print(f"GUI process CPU median {statistics.median(cpu_drawn):.1f} % of a core drawn "
          f"(range {min(cpu_drawn):.1f}-{max(cpu_drawn):.1f}), "
          f"{statistics.median(cpu_hidden):.1f} % hidden")
    print(f"steps/s window {statistics.median(drawn):.1f} / headless "
          f"{statistics.median(hidden):.1f} = ratio "
          f"{statistics.median(drawn) / statistics.median(hidden):.2f}")
    if statistics.median(busy_hidden) > 0:
        share = [a / b for a, b in zip(busy_drawn, busy_hidden)]
        print(f"busy process: window drawn / hidden loops/s, same-round median "
              f"{statistics.median(share):.2f} (range {min(share):.2f}-{max(share):.2f})")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" ({os.cpu_count()} cores)"


def _pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--preset", default="live-default")
    ap.add_argument("--seconds", type=float, default=5.0, help="length of each phase")
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--warmup", type=float, default=4.0,
                    help="seconds drawn before the first round (not measured)")
    ap.add_argument("--threads", type=int, default=0, help="training threads (0 = cores - 1)")
    ap.add_argument("--set", dest="sets", action="append", default=[], metavar="KEY=VALUE")
    ap.add_argument("--busy-core", action="store_true",
                    help="keep one core busy with another process while measuring")
    ap.add_argument("--no-core-split", action="store_true",
                    help="leave the window and training to the scheduler (not as main.py does)")
    args = ap.parse_args(argv)
    print(f"load average at start {_load()}" + ("; one core kept busy" if args.busy_core else ""))
    context = multiprocessing.get_context("spawn")
    loops = context.Value("q", 0, lock=False)  # one writer: the busy process
    busy = context.Process(target=spin, args=(loops,), daemon=True)
    if args.busy_core:
        busy.start()  # before the window takes its core, so it may run on any, as a stranger would
    if not args.no_core_split:
        core = keep_window_on_one_core()
        print(f"window held to core {core}; training placed on the others" if core is not None
              else "fewer than 2 usable cores: nothing placed")
    app = QApplication.instance() or QApplication([])  # noqa: F841  (held while the bench runs)
    overrides = dict(item.split("=", 1) for item in args.sets)
    config = preset_config(args.preset, threads=args.threads, device="cpu", **overrides)
    settings = str(Path(os.environ.get("TMPDIR", "/tmp")) / "critic-lab-bench-layout.ini")
    try:
        run(config, args.seconds, args.rounds, settings, args.warmup, loops)
    finally:
        if busy.is_alive():
            busy.terminate()
            busy.join()


if __name__ == "__main__":
    main()
