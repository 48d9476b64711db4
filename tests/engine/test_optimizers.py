"""The fast (fused / foreach) optimizers do the same maths as torch's plain per-tensor loop."""
import pytest
import torch

from engine.optimizers import make_optimizer, set_hyperparameters
from engine.presets import preset_config

_PLAIN = {
    "adam": lambda ps, c, lr: torch.optim.Adam(ps, lr=lr, betas=(c.beta1, c.beta2), foreach=False),
    "rmsprop": lambda ps, c, lr: torch.optim.RMSprop(ps, lr=lr, foreach=False),
    "sgd": lambda ps, c, lr: torch.optim.SGD(ps, lr=lr, momentum=c.beta1, foreach=False),
}


def _params(seed=0):
    g = torch.Generator().manual_seed(seed)
    shapes = ((16, 2), (16,), (1, 16))
    return [torch.randn(s, generator=g, requires_grad=True) for s in shapes]


def _run(opt, params, lr_change=None):
    g = torch.Generator().manual_seed(1)
    for i in range(6):
        for p in params:
            p.grad = torch.randn(p.shape, generator=g)
        opt.step()
        if i == 2 and lr_change is not None:
            lr_change()
    return torch.cat([p.detach().flatten() for p in params])


@pytest.mark.parametrize("name", ["adam", "rmsprop", "sgd"])
def test_fast_optimizer_matches_the_plain_loop(name):
    cfg = preset_config("live-default", optimizer=name, beta1=0.5, beta2=0.9)
    fast_p, plain_p = _params(), _params()
    fast, plain = make_optimizer(cfg, fast_p, 1e-2), _PLAIN[name](plain_p, cfg, 1e-2)
    later = cfg.replace(beta1=0.3, beta2=0.95)
    got = _run(fast, fast_p, lambda: set_hyperparameters(fast, later, 3e-2))
    want = _run(plain, plain_p, lambda: set_hyperparameters(plain, later, 3e-2))
    torch.testing.assert_close(got, want, rtol=1e-6, atol=1e-7)
    assert not torch.equal(got, torch.cat([p.detach().flatten() for p in _params()]))
