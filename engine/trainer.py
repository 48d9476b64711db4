"""The training loop's single step, with live config changes applied at the top of each step.

``Trainer.step()`` is a plain function call: tests drive it without any thread. Scalars are kept
as tensors and turned into numbers only in :meth:`flush` (``.cpu()`` is a GPU sync point).
"""
from __future__ import annotations

import copy
import threading

import numpy as np
import torch

from .config import OPTIMIZER_FIELDS, REBUILD_FIELDS, TrainConfig
from .device import describe, pick_device
from .history import History
from .lipschitz import batched_scores, clip_weights_, scores_and_penalty
from .networks import build_data, build_networks
from .objectives import objective_for
from .optimizers import make_optimizer, set_hyperparameters
from .split_steps import SplitSteps

_LABELS = {"lambda_gp": "λ", "clip": "c", "n_critic": "n_critic", "lr_g": "lr_G", "lr_d": "lr_D"}


class Trainer(SplitSteps):
    """Owns the networks, optimizers, data and RNG of one run."""

    def __init__(self, config: TrainConfig):
        self.config = config.validate()
        self._pending: TrainConfig | None = None
        self._lock = threading.Lock()
        self.version = 0
        self.events: list[str] = []
        self.history = History()
        self.run_id = 0
        self._build()

    # ----------------------------------------------------------------- building
    def _build(self) -> None:
        cfg = self.config
        self.device = pick_device(cfg.device)
        self.device_label = describe(self.device)
        self.data = build_data(cfg, self.device)
        self.generator, self.critic = build_networks(cfg, self.device)
        self._start_streams()

    def _start_streams(self) -> None:
        """Fresh RNG, display points, optimizers and counters: a run at step 0 (weights aside)."""
        cfg = self.config
        # One CPU RNG for batches, noise and interpolation ε: a seed replays the run exactly.
        self.rng = torch.Generator().manual_seed(cfg.seed + 1)
        display_rng = torch.Generator().manual_seed(cfg.seed + 2)
        self.display_z = torch.randn(cfg.n_display, cfg.noise_dim, generator=display_rng).to(self.device)
        self.display_real = self.data.sample(cfg.n_display, display_rng)
        self._display_noise = torch.randn(self.display_real.shape, generator=display_rng).to(self.device)
        self._build_optimizers()
        self.step_count = 0
        self.critic_steps = 0
        self._scalars: dict[str, list] = {}
        self.run_id = getattr(self, "run_id", -1) + 1

    def _build_optimizers(self) -> None:
        cfg = self.config
        self.opt_d = make_optimizer(cfg, self.critic.parameters(), cfg.lr_d)
        self.opt_g = make_optimizer(cfg, self.generator.parameters(), cfg.lr_g) if self.generator else None

    @property
    def objective(self):
        return objective_for(self.config)  # f-GAN: with the config's generator_loss form

    # ----------------------------------------------------------------- live changes
    def submit(self, **changes) -> TrainConfig:
        """Validate ``changes`` now (raises ConfigError); apply them at the top of the next step."""
        with self._lock:
            base = self._pending or self.config
            self._pending = base.replace(**changes)
            return self._pending

    def submit_config(self, config: TrainConfig) -> None:
        """Replace the whole pending config (already validated) at the top of the next step."""
        with self._lock:
            self._pending = config

    def apply_pending(self) -> None:
        with self._lock:
            new, self._pending = self._pending, None
        if new is None or new == self.config:
            return
        old = self.config
        changed = [f for f in new.to_dict() if getattr(new, f) != getattr(old, f)]
        self.config = new
        self.version += 1
        if REBUILD_FIELDS.intersection(changed):
            self._build()
            self.history = History()
            what = ", ".join(f"{f} = {getattr(new, f)}" for f in changed)
            self.events.append(f"{what}: rebuilt networks and data; restarted from step 0")
            return
        if OPTIMIZER_FIELDS.intersection(changed):
            self._build_optimizers()
        else:
            set_hyperparameters(self.opt_d, new, new.lr_d)
            if self.opt_g is not None:
                set_hyperparameters(self.opt_g, new, new.lr_g)
        for f in changed:
            note = " (optimizer state reset)" if f in OPTIMIZER_FIELDS else ""
            self.events.append(f"{_LABELS.get(f, f)} = {getattr(new, f)} from step {self.step_count}{note}")

    def reset(self, initial: dict | None = None) -> bool:
        """Start again from the same initial weights (same seed), pending changes included.

        ``initial``: the checkpoint taken right after the build (step 0). Its weights are copied
        into the existing tensors instead of drawing them again: at width 2048 × depth 16 a
        rebuild took 14.5 s. The run is the same as a fresh build (the RNG is seeded afresh).
        True if the weights came from ``initial``.
        """
        run = self.run_id
        self.apply_pending()
        loaded = self.run_id == run and self._load_initial(initial)
        if self.run_id == run and not loaded:
            self._build()
        self.history = History()
        self.version += 1
        self.events.append("reset to the initial weights of seed %d" % self.config.seed)
        return loaded

    def _load_initial(self, initial: dict | None) -> bool:
        """The weights of ``initial`` in place, fresh optimizers and streams; False if unfit."""
        if initial is None or initial["step"] != 0 or initial["critic_steps"] != 0:
            return False
        if initial["structure"] != _structure(self.config):
            return False
        self.critic.load_state_dict(initial["critic"])  # copy_ into the existing tensors
        if self.generator is not None:
            self.generator.load_state_dict(initial["generator"])
        self.opt_d = self.opt_g = None  # drop the old moments before new ones are allocated
        self._start_streams()
        return True

    # ----------------------------------------------------------------- sampling
    def sample_real(self, n: int) -> torch.Tensor:
        return self.data.sample(n, self.rng)

    def sample_noise(self, n: int) -> torch.Tensor:
        return torch.randn(n, self.config.noise_dim, generator=self.rng).to(self.device)

    def fake_from(self, z: torch.Tensor) -> torch.Tensor:
        """G(z), or for the fixed generator: real data plus N(0, σ²I) (one per row of z)."""
        if self.generator is not None:
            return self.generator(z)
        real = self.sample_real(z.shape[0])
        noise = torch.randn(real.shape, generator=self.rng).to(self.device)
        return real + self.config.fixed_noise_std * noise

    @torch.no_grad()
    def display_fake(self) -> torch.Tensor:
        """Generated samples from the fixed display noise: the same latent points every frame."""
        if self.generator is not None:
            return self.generator(self.display_z)
        return self.display_real + self.config.fixed_noise_std * self._display_noise

    # ----------------------------------------------------------------- steps
    def step(self, interrupt=None) -> None:
        """n_critic critic updates, then one generator update (none for a fixed generator).

        ``interrupt()`` is checked between updates so a stop never waits for a slow step.
        """
        self.apply_pending()
        for _ in range(self.config.n_critic):
            self._critic_update()
            if interrupt is not None and interrupt():
                return
        self._generator_update()
        self.step_count += 1

    def critic_step(self) -> None:
        """One critic update alone."""
        self.apply_pending()
        self._critic_update()

    def generator_step(self) -> None:
        """One generator update alone."""
        self.apply_pending()
        self._generator_update()
        self.step_count += 1

    def _critic_update(self) -> None:
        cfg, obj = self.config, self.objective
        real = self.sample_real(cfg.batch_size)
        with torch.no_grad():  # no generator graph: the critic step never needs it
            fake = self.fake_from(self.sample_noise(cfg.batch_size))
        v_real, v_fake, penalty = self._critic_scores(real, fake)
        loss = obj.critic_loss(v_real, v_fake)
        if penalty is not None:
            loss = loss + penalty
        self.opt_d.zero_grad(set_to_none=True)
        loss.backward()
        self.opt_d.step()
        if obj.lipschitz == "clip":
            clip_weights_(self.critic, cfg.clip)
        self.critic_steps += 1
        self._keep("loss_d", loss.detach())
        self._keep("w_critic", (v_real.mean() - v_fake.mean()).detach())

    def _critic_scores(self, real, fake):
        """V(real), V(fake) in one batched forward, and the gradient penalty if the loss has one.

        The penalty's ε is drawn after real and fake, as before batching: a seed replays a run.
        """
        cfg = self.config
        if self.objective.lipschitz != "penalty":
            v = batched_scores(self.critic, real, fake)
            return v[:len(real)], v[len(real):], None
        v_real, v_fake, penalty, _ = scores_and_penalty(
            self.critic, real, fake, cfg.lambda_gp, cfg.penalty == "one-sided", self.rng)
        return v_real, v_fake, penalty

    def _generator_update(self) -> None:
        if self.generator is None:
            return
        fake = self.generator(self.sample_noise(self.config.batch_size))
        loss = self.objective.generator_loss(self.critic(fake))
        params = list(self.generator.parameters())
        # Only the generator's gradients: the critic's would be computed and thrown away.
        for p, g in zip(params, torch.autograd.grad(loss, params)):
            p.grad = g
        self.opt_g.step()
        self._keep("loss_g", loss.detach())

    def _keep(self, name: str, value: torch.Tensor) -> None:
        self._scalars.setdefault(name, []).append((self.step_count, value))

    def flush(self) -> str | None:
        """Move kept scalars into the history; return a reason if one was NaN or infinite."""
        kept, self._scalars = self._scalars, {}
        problem = None
        for name, pairs in kept.items():
            steps = np.array([s for s, _ in pairs])
            values = torch.stack([v for _, v in pairs]).float().cpu().numpy()
            bad = ~np.isfinite(values)
            if bad.any() and problem is None:
                i = int(np.argmax(bad))
                kind = "NaN" if np.isnan(values[i]) else "infinite"
                problem = f"{name} became {kind} at step {steps[i]}"
            last = np.r_[steps[1:] != steps[:-1], True]  # n_critic values a step: keep the last
            self.history.add_many(name, steps[last], values[last])
        return problem

    # ----------------------------------------------------------------- checkpoints
    def weights_finite(self) -> bool:
        """False once any weight is NaN or infinite (diagnostics must not run on those)."""
        nets = [self.critic] + ([self.generator] if self.generator is not None else [])
        return all(bool(torch.isfinite(p).all()) for n in nets for p in n.parameters())

    def checkpoint(self, same_weights: dict | None = None) -> dict | None:
        """A copy of everything a NaN could spoil; None if the weights are already not finite.

        ``same_weights``: a checkpoint known to hold the current weights (just loaded from it);
        its weight copies are shared, not copied again (0.5 GB at width 2048 × depth 16).
        """
        if same_weights is None and not self.weights_finite():
            return None
        state = copy.deepcopy({
            "critic": None if same_weights else self.critic.state_dict(),
            "opt_d": self.opt_d.state_dict(),
            "generator": self.generator.state_dict() if self.generator and not same_weights else None,
            "opt_g": self.opt_g.state_dict() if self.opt_g else None,
            "rng": self.rng.get_state(), "step": self.step_count, "critic_steps": self.critic_steps,
            "structure": _structure(self.config), "optimizer": _optimizer(self.config),
        })
        if same_weights:
            state["critic"], state["generator"] = same_weights["critic"], same_weights["generator"]
        return state

    def restore(self, state: dict) -> bool:
        """Load ``state``; False (nothing changed) if the networks were rebuilt since.

        Weights saved under another optimizer are loaded with fresh optimizer state: the old
        state has another form, and the weights are what a divergence spoils.
        """
        if state["structure"] != _structure(self.config):
            return False
        self.critic.load_state_dict(state["critic"])
        if self.generator is not None:
            self.generator.load_state_dict(state["generator"])
        if state.get("optimizer") == _optimizer(self.config):
            self.opt_d.load_state_dict(state["opt_d"])
            if self.generator is not None:
                self.opt_g.load_state_dict(state["opt_g"])
        else:
            self._build_optimizers()
        self.rng.set_state(state["rng"])
        self.step_count, self.critic_steps = state["step"], state["critic_steps"]
        self._scalars = {}
        return True


def _structure(config: TrainConfig) -> tuple:
    """What must match for saved weights to fit the current networks."""
    return tuple(getattr(config, f) for f in sorted(REBUILD_FIELDS))


def _optimizer(config: TrainConfig) -> tuple:
    """What must match for saved optimizer state to fit the current optimizers."""
    return tuple(getattr(config, f) for f in sorted(OPTIMIZER_FIELDS))
