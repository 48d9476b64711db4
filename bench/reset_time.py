"""How long a Reset takes at a big size: a rebuild (random init) vs loading the step-0 copy.

    OMP_NUM_THREADS=1 .venv/bin/python bench/reset_time.py --width 2048 --depth 16

Prints the build time, the old Reset (rebuild) and the new one (copy_ into the weights, fresh
optimizers), and checks that both leave the same weights; ``--worker`` also times a Reset from
the command to the worker's step-0 snapshot.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.presets import preset_config  # noqa: E402
from engine.trainer import Trainer  # noqa: E402
from engine.worker import TrainingWorker  # noqa: E402


def timed(f):
    start = time.perf_counter()
    result = f()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--width", type=int, default=2048)
    parser.add_argument("--depth", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--worker", action="store_true", help="also time a Reset in the worker")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    cfg = preset_config("live-default", width=args.width, depth=args.depth, device="cpu",
                        threads=args.threads, n_display=64)
    build, t = timed(lambda: Trainer(cfg))
    n = sum(p.numel() for net in (t.critic, t.generator) for p in net.parameters())
    copy_s, initial = timed(t.checkpoint)  # what the worker already holds after every build
    print(f"width {args.width} × depth {args.depth}: {n / 1e6:.1f} M weights, "
          f"{args.threads} thread(s); build {build:.2f} s, step-0 copy {copy_s:.2f} s")
    before = [p.detach().clone() for net in (t.critic, t.generator) for p in net.parameters()]
    with torch.no_grad():
        for p in t.critic.parameters():
            p.add_(1.0)  # "trained": the reset must undo this
    old, _ = timed(lambda: t.reset(None))
    with torch.no_grad():
        for p in t.critic.parameters():
            p.add_(1.0)
    new, loaded = timed(lambda: t.reset(initial))
    after = [p.detach() for net in (t.critic, t.generator) for p in net.parameters()]
    same = loaded and all(torch.equal(a, b) for a, b in zip(before, after))
    print(f"reset by rebuilding: {old:.2f} s; reset from the step-0 copy: {new:.3f} s "
          f"({old / max(new, 1e-9):.0f}× faster); same weights as the build: {same}")

    if args.worker:
        worker_reset(cfg)


def worker_reset(cfg) -> None:
    """From Reset asked to the worker's step-0 snapshot of the new run (one step trained first)."""
    w = TrainingWorker(cfg.replace(probe_interval=60.0, grid_size=16))
    w.start()
    try:
        first = wait(w, lambda s: s.probe is not None)
        w.step_once("critic")
        wait(w, lambda s: s.critic_steps == 1)
        asked = time.perf_counter()
        w.reset()
        wait(w, lambda s: s.run_id != first.run_id and s.critic_steps == 0)
        print(f"worker: Reset to the step-0 snapshot in {time.perf_counter() - asked:.2f} s")
    finally:
        w.stop(timeout=30.0)


def wait(worker, predicate, timeout=600.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        snap = worker.mailbox.latest()
        if snap is not None and predicate(snap):
            return snap
        time.sleep(0.005)
    raise SystemExit("the worker did not answer in time")


if __name__ == "__main__":
    main()
