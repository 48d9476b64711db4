"""Named starting points: the papers' settings, the reference code's, and a fast live default.

Names are stable; scripts and lesson notes rely on them.
"""
from __future__ import annotations

from .config import ConfigError, TrainConfig

_GAN = dict(optimizer="adam", lr_g=2e-4, lr_d=2e-4, beta1=0.5, beta2=0.999, n_critic=1)
_FGAN = dict(optimizer="adam", lr_g=1e-4, lr_d=1e-4, beta1=0.5, beta2=0.999, n_critic=1)

PRESETS: dict[str, tuple[str, dict]] = {
    "live-default": (
        "WGAN-GP on 8 Gaussians, 3×128 MLPs, Adam 4e-4: all 8 modes in ~600 steps on a 2-core CPU",
        # lr 4e-4 found 8/8 modes by step 500-600 for seeds 0-2 (1e-4: 1400-1600; 2e-4: 800-900).
        dict(objective="wgan-gp", width=128, depth=3, batch_size=256, lr_g=4e-4, lr_d=4e-4,
             beta1=0.5, beta2=0.9, lambda_gp=0.1, n_critic=5),
    ),
    "wgan-paper": (
        "WGAN paper, Algorithm 1: RMSProp 5e-5, c = 0.01, m = 64, n_critic = 5",
        dict(objective="wgan", optimizer="rmsprop", lr_g=5e-5, lr_d=5e-5, clip=0.01,
             batch_size=64, n_critic=5),
    ),
    "wgan-gp-paper": (
        "WGAN-GP paper, Algorithm 1: Adam 1e-4, β = (0, 0.9), λ = 10, n_critic = 5",
        dict(objective="wgan-gp", optimizer="adam", lr_g=1e-4, lr_d=1e-4, beta1=0.0, beta2=0.9,
             lambda_gp=10.0, n_critic=5),
    ),
    "wgan-gp-toy": (
        "WGAN-GP reference toy code (gan_toy.py): 3×512, batch 256, Adam 1e-4 β = (0.5, 0.9), λ = 0.1",
        dict(objective="wgan-gp", width=512, depth=3, batch_size=256, lr_g=1e-4, lr_d=1e-4,
             beta1=0.5, beta2=0.9, lambda_gp=0.1, n_critic=5),
    ),
    "gan-minimax": ("Minimax GAN (saturating generator loss)", dict(objective="gan-minimax", **_GAN)),
    "gan-ns": ("Non-saturating GAN (−log D trick)", dict(objective="gan-ns", **_GAN)),
    "lsgan": (
        "Least-squares GAN, RMSProp 1e-4 (WGAN-GP paper's baseline)",
        dict(objective="lsgan", optimizer="rmsprop", lr_g=1e-4, lr_d=1e-4, n_critic=1),
    ),
}
# Each f-GAN preset's generator_loss, chosen by measurement: bench/fgan_stability.py, seed 0,
# 5,000 generator steps on 8gaussians and 2gaussians unless marked (2,000 steps, 8gaussians
# only); "inf@528" = first non-finite loss at step 528, "6/8" = modes covered at the end.
_FGAN_PRESETS = {  # divergence: (long name, generator_loss, extra settings, why)
    "kl": ("Kullback-Leibler", "saddle", dict(beta2=0.9),
           # practical: 8g 1/8, 2g inf@528; saddle: 8g inf@1780, 2g inf@1032 (β₂ 0.999);
           # saddle with β₂ 0.9: 8g 1/8, 2g 0/2, both finite. 1-D fit: saddle μ 0.06 σ 2.07
           # (optimum 0, 2.06), practical μ −0.19 σ 1.82 or NaN.
           "it fits KL's own optimum (covers modes); β₂ 0.9 kept it finite where "
           "both forms overflowed at 0.999. KL is infinite while G misses a mode, so V keeps growing"),
    "rkl": ("reverse KL", "saddle", {},
            # practical: 8g NaN@3617, 2g 2/2; saddle: 8g 4/8, 2g 2/2, both finite.
            "finite on both test sets; the practical form went NaN at step 3617"),
    "pearson": ("Pearson χ²", "practical", {},
                # practical: 8g 8/8, 2g 2/2; saddle: 8g 6/8; all finite.
                "finite, all 8 modes (the saddle form: 6 of 8)"),
    "neyman": ("Neyman χ²", "saddle", {},
               # practical: 8g NaN@2343, 2g NaN@1321; saddle: 8g inf@3258, 2g 2/2.
               "lasted longer (the practical form: NaN by step 2343). Neyman χ² is infinite "
               "while G puts mass off the data, so V on such samples runs to −∞: may still diverge"),
    "hellinger": ("squared Hellinger", "saddle", {},
                  # 2,000 steps, 8g: saddle 6/8, practical 3/8, both finite.
                  "6 of 8 modes where the practical form held 3"),
    "js": ("Jensen-Shannon", "saddle", {},
           # 2,000 steps, 8g: saddle 6/8, practical 2/8, both finite.
           "6 of 8 modes where the practical form held 2"),
    "gan": ("GAN", "saddle", {},
            # 2,000 steps, 8g: saddle 6/8, practical 2/8 (the same numbers as js: the two
            # differ by constants only). The saddle form here is the minimax GAN loss.
            "here the minimax GAN loss; 6 of 8 modes where the practical form held 2"),
    "tv": ("total variation", "saddle", {},
           # f*(t) = t: both forms are the same loss (2,000 steps, 8g: 0/8 either way).
           "f*(t) = t, so both generator losses coincide; TV's critic saturates, modes come late"),
}
for _name, (_long, _form, _extra, _why) in _FGAN_PRESETS.items():
    PRESETS[f"fgan-{_name}"] = (f"f-GAN, {_long} divergence, {_form} generator loss ({_why})",
                                dict(objective=f"fgan-{_name}", **{**_FGAN, **_extra},
                                     generator_loss=_form))

PRESETS["mnist-wgan-gp"] = (
    "WGAN-GP on MNIST with a narrow DCGAN (dim 16), Adam 1e-3: digits within ~100 steps on a CPU",
    # lr 1e-3 reached classifier score 3.6 and 10/10 classes by step 100 (1e-4: 1.0 and 1/10;
    # 3e-4: 1.04 and 2/10), measured headless, 2 CPU threads, seed 0. Probes cost ~0.5-1 s on a
    # 2-core CPU, hence one a second.
    dict(dataset="mnist", objective="wgan-gp", width=16, noise_dim=64, batch_size=32,
         lr_g=1e-3, lr_d=1e-3, beta1=0.5, beta2=0.9, lambda_gp=10.0, n_critic=5,
         n_display=256, grid_size=48, probe_interval=1.0),
)
PRESETS["mnist-wgan-gp-paper"] = (
    "WGAN-GP on MNIST as in gan_mnist.py: DCGAN dim 64, z 128, batch 50, Adam 1e-4 β = (0.5, 0.9), λ = 10",
    dict(dataset="mnist", objective="wgan-gp", width=64, noise_dim=128, batch_size=50,
         lr_g=1e-4, lr_d=1e-4, beta1=0.5, beta2=0.9, lambda_gp=10.0, n_critic=5,
         n_display=256, grid_size=48, probe_interval=1.0),
)


def preset_names() -> list[str]:
    return list(PRESETS)


def preset_config(name: str, **overrides) -> TrainConfig:
    """The validated config of preset ``name`` with ``overrides`` (strings allowed) on top."""
    if name not in PRESETS:
        raise ConfigError(f"unknown preset '{name}'; choose one of: {', '.join(PRESETS)}")
    return TrainConfig().replace(**PRESETS[name][1]).replace(**overrides)
