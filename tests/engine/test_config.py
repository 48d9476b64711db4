"""Config validation, coercion from strings, and presets."""
import math

import pytest

from engine.config import ConfigError, TrainConfig, coerce
from engine.presets import PRESETS, preset_config

NAMES = ("live-default wgan-paper wgan-gp-paper wgan-gp-toy gan-minimax gan-ns lsgan fgan-kl "
         "fgan-rkl fgan-pearson fgan-neyman fgan-hellinger fgan-js fgan-gan fgan-tv").split()


@pytest.mark.parametrize(
    "field, value, fragment",
    [("clip", -0.01, "clip"), ("lambda_gp", -1.0, "lambda_gp"), ("n_critic", 0, "n_critic"),
     ("lr_g", 0.0, "lr_g"), ("lr_d", -1e-4, "lr_d"), ("batch_size", 1, "batch_size"),
     ("objective", "wgan-xx", "objective"), ("dataset", "nope", "dataset"),
     ("lambda_gp", math.nan, "lambda_gp"), ("beta2", 1.0, "beta2"), ("depth", 17, "depth")],
)
def test_out_of_range_values_are_refused_naming_the_field(field, value, fragment):
    with pytest.raises(ConfigError) as err:
        TrainConfig().replace(**{field: value})
    assert str(err.value).startswith(fragment)
    assert "allowed" in str(err.value) or "choose one of" in str(err.value)


def test_strings_are_coerced_to_field_types():
    assert coerce({"n_critic": "5", "lambda_gp": "10", "fixed_generator": "true"}) == {
        "n_critic": 5, "lambda_gp": 10.0, "fixed_generator": True}
    with pytest.raises(ConfigError, match="n_critic: '2.5' is not a valid int"):
        coerce({"n_critic": "2.5"})
    with pytest.raises(ConfigError, match="unknown setting 'lamda'"):
        coerce({"lamda": 1})


def test_config_is_frozen():
    with pytest.raises(AttributeError):
        TrainConfig().clip = 1.0


def test_every_documented_preset_exists_and_validates():
    assert set(NAMES) <= set(PRESETS)
    for name in PRESETS:
        assert preset_config(name).validate()


def test_paper_presets_hold_the_papers_numbers():
    w = preset_config("wgan-paper")
    assert (w.objective, w.optimizer, w.lr_d, w.clip, w.batch_size, w.n_critic) == (
        "wgan", "rmsprop", 5e-5, 0.01, 64, 5)
    gp = preset_config("wgan-gp-paper")
    assert (gp.lr_d, gp.beta1, gp.beta2, gp.lambda_gp, gp.n_critic) == (1e-4, 0.0, 0.9, 10.0, 5)
    toy = preset_config("wgan-gp-toy")
    assert (toy.width_d, toy.depth_d, toy.batch_size, toy.beta1, toy.lambda_gp) == (512, 3, 256, 0.5, 0.1)


def test_preset_overrides_apply_on_top():
    cfg = preset_config("live-default", lambda_gp="10", seed="3")
    assert cfg.lambda_gp == 10.0 and cfg.seed == 3
    with pytest.raises(ConfigError, match="unknown preset"):
        preset_config("no-such-preset")


def test_width_and_depth_shorthands_set_both_networks_and_explicit_fields_win():
    cfg = TrainConfig().replace(width="64", depth=2)
    assert (cfg.width_g, cfg.width_d, cfg.depth_g, cfg.depth_d) == (64, 64, 2, 2)
    cfg = TrainConfig().replace(depth_d=12, depth=3)  # a 12-layer critic, 3-layer generator
    assert (cfg.depth_g, cfg.depth_d) == (3, 12)
    with pytest.raises(ConfigError, match="^width_d = 1 is out of range"):
        TrainConfig().replace(width_d=1)


def test_generator_loss_is_validated_by_name():
    assert TrainConfig().generator_loss == "practical"
    assert TrainConfig().replace(generator_loss="saddle").generator_loss == "saddle"
    with pytest.raises(ConfigError, match="^generator_loss: unknown value 'minimax'; choose one of"):
        TrainConfig().replace(generator_loss="minimax")


def test_every_fgan_preset_names_its_generator_loss_and_why():
    for name in [n for n in NAMES if n.startswith("fgan-")]:
        text, settings = PRESETS[name]
        form = preset_config(name).generator_loss
        assert settings["generator_loss"] == form
        assert f"{form} generator loss (" in text and len(text) > 60
    assert preset_config("fgan-kl").generator_loss == "saddle"  # the form that covers KL's modes
