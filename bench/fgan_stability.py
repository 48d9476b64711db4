"""Do the f-GAN presets stay finite? Every preset × dataset × seed, 5,000 generator steps.

    OMP_NUM_THREADS=1 python bench/fgan_stability.py [--forms practical,saddle] [--seeds 0,1,2]

Prints one row per run as it finishes: preset, generator_loss, dataset, seed, the first step
with a non-finite loss or weight ("finite" if none), modes covered at the end and the largest
|V| seen on the display samples (a run about to blow up shows it there first).
"""
from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from engine.metrics import mode_coverage  # noqa: E402
from engine.presets import preset_config  # noqa: E402
from engine.trainer import Trainer  # noqa: E402

FGAN = ("kl", "rkl", "pearson", "neyman", "hellinger", "js", "gan", "tv")
CHECK_EVERY = 100  # steps between finiteness checks (flush() is a sync point)


def run_one(preset: str, dataset: str, seed: int, form: str | None, steps: int,
            extra: dict | None = None) -> dict:
    overrides = dict(dataset=dataset, seed=seed, device="cpu", threads=1, **(extra or {}))
    if form:
        overrides["generator_loss"] = form
    t = Trainer(preset_config(preset, **overrides))
    first_bad, v_max = None, 0.0
    for step in range(1, steps + 1):
        t.step()
        if step % CHECK_EVERY and step != steps:
            continue
        problem = t.flush()
        nets = [t.critic, t.generator]
        finite = all(bool(torch.isfinite(p).all()) for n in nets for p in n.parameters())
        if problem or not finite:
            first_bad = problem or f"weights non-finite by step {step}"
            break
        with torch.no_grad():
            v = t.critic(torch.cat([t.display_real, t.display_fake()]))
        v_max = max(v_max, float(v.abs().max()))
    fake = t.display_fake().detach().numpy()
    modes = "-"
    if first_bad is None and np.isfinite(fake).all():
        modes = f"{mode_coverage(fake, t.data.centers, t.data.sigma).modes}/{len(t.data.centers)}"
    return dict(first_bad=first_bad or "finite", modes=modes, v_max=v_max)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--forms", default="preset", help="comma list of practical, saddle, preset")
    p.add_argument("--seeds", default="0,1,2")
    p.add_argument("--presets", default=",".join(FGAN))
    p.add_argument("--datasets", default="8gaussians,2gaussians")
    p.add_argument("--steps", type=int, default=5000)
    p.add_argument("--set", dest="sets", action="append", default=[], metavar="KEY=VALUE",
                   help="config override on top of each preset, e.g. --set beta2=0.9")
    args = p.parse_args()
    extra = dict(item.split("=", 1) for item in args.sets)
    torch.set_num_threads(1)
    if extra:
        print("overrides:", " ".join(f"{k}={v}" for k, v in extra.items()))
    print("preset          loss       dataset     seed  first non-finite               modes  max|V|  s")
    for name in args.presets.split(","):
        for seed in [int(s) for s in args.seeds.split(",")]:
            for form in args.forms.split(","):
                for dataset in args.datasets.split(","):
                    start = time.perf_counter()
                    r = run_one(f"fgan-{name}", dataset, seed, None if form == "preset" else form,
                                args.steps, extra)
                    shown = preset_config(f"fgan-{name}").generator_loss if form == "preset" else form
                    print(f"fgan-{name:<10} {shown:<10} {dataset:<11} {seed:>4}  {r['first_bad']:<30} "
                          f"{r['modes']:>5}  {r['v_max']:6.3g}  {time.perf_counter() - start:.0f}",
                          flush=True)


if __name__ == "__main__":
    main()
