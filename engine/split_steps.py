"""Updates of heavy networks in slices, so that Pause or a change never waits for a whole one.

At width 2048, depth 16 one critic update took 98 s on a busy 2-core machine. Every loss here
is a mean over the batch, so the gradient of the whole batch is the size-weighted sum of the
slices' gradients: the same batch, the same update, only ε of the penalty is drawn per slice.
Between slices ``should_stop()`` is asked; a stopped update is dropped (weights untouched) and
the next one starts afresh. A mixin of :class:`engine.trainer.Trainer`.
"""
from __future__ import annotations

import torch

from .lipschitz import clip_weights_, gradient_penalty

# Multiply-adds per sample of one critic update, in critic forward passes: real and fake
# forward (2) and backward (4), the penalty's forward, double backward and its backward (~6).
CRITIC_PASSES = 12
GENERATOR_PASSES = 6  # G and D forward, backward through both (counted on G + D parameters)


def _n_params(net) -> int:
    return sum(p.numel() for p in net.parameters()) if net is not None else 0


class SplitSteps:
    """Slice-wise critic and generator updates, and what an update costs."""

    def update_work(self) -> tuple[float, float]:
        """Multiply-adds of one (critic update, generator update), from the parameter counts.

        Exact for MLPs (a sample costs one multiply-add per weight per pass); convolutions
        reuse weights, so for images the worker also times the updates themselves.
        """
        n, d, g = self.config.batch_size, _n_params(self.critic), _n_params(self.generator)
        return n * d * CRITIC_PASSES, (n * (d + g) * GENERATOR_PASSES if g else 0.0)

    def critic_update_in_slices(self, parts: int, should_stop) -> bool:
        """One critic update over ``parts`` slices of the batch; False if stopped (no change)."""
        cfg, obj = self.config, self.objective
        real = self.sample_real(cfg.batch_size)
        with torch.no_grad():
            fake = self.fake_from(self.sample_noise(cfg.batch_size))
        self.opt_d.zero_grad(set_to_none=True)
        loss_sum = w_sum = 0.0
        slices = list(zip(real.tensor_split(parts), fake.tensor_split(parts)))
        for i, (r, f) in enumerate(slices):
            share = r.shape[0] / cfg.batch_size
            v_r, v_f = self.critic(r), self.critic(f)
            loss = obj.critic_loss(v_r, v_f)
            if obj.lipschitz == "penalty":
                loss = loss + gradient_penalty(self.critic, r, f, cfg.lambda_gp,
                                               cfg.penalty == "one-sided", self.rng)[0]
            (share * loss).backward()
            loss_sum = loss_sum + share * loss.detach()
            w_sum = w_sum + share * (v_r.mean() - v_f.mean()).detach()
            if i + 1 < len(slices) and should_stop():
                self.opt_d.zero_grad(set_to_none=True)
                return False
        self.opt_d.step()
        if obj.lipschitz == "clip":
            clip_weights_(self.critic, cfg.clip)
        self.critic_steps += 1
        self._keep("loss_d", loss_sum)
        self._keep("w_critic", w_sum)
        return True

    def generator_update_in_slices(self, parts: int, should_stop) -> bool:
        """One generator update over ``parts`` slices; False if stopped. Counts the step."""
        if self.generator is not None:
            params = list(self.generator.parameters())
            z = self.sample_noise(self.config.batch_size)
            grads, loss_sum = [torch.zeros_like(p) for p in params], 0.0
            chunks = z.tensor_split(parts)
            for i, chunk in enumerate(chunks):
                share = chunk.shape[0] / z.shape[0]
                loss = self.objective.generator_loss(self.critic(self.generator(chunk)))
                for acc, g in zip(grads, torch.autograd.grad(share * loss, params)):
                    acc += g
                loss_sum = loss_sum + share * loss.detach()
                if i + 1 < len(chunks) and should_stop():
                    return False
            for p, g in zip(params, grads):
                p.grad = g
            self.opt_g.step()
            self._keep("loss_g", loss_sum)
        self.step_count += 1
        return True
