"""Default torch threads: 1 for small networks, at most cores − 1, capped by OMP_NUM_THREADS."""
import json

import pytest
import torch

from engine import device
from engine.cli import main as headless_main
from engine.presets import preset_config


@pytest.fixture
def four_cores(monkeypatch):
    monkeypatch.setattr(device.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)


def test_small_networks_get_one_thread(four_cores):
    assert device.training_threads(0, preset_config("live-default")) == 1
    assert device.training_threads(0, preset_config("wgan-gp-toy")) == 1  # 3×512, batch 256


def test_big_networks_get_all_cores_but_one(four_cores, monkeypatch):
    big = preset_config("live-default", width=1024)
    assert device.training_threads(0, big) == 3
    monkeypatch.setenv("OMP_NUM_THREADS", "2")
    assert device.training_threads(0, big) == 2
    assert device.training_threads(5, big) == 5  # asked for: obeyed


def test_status_label_counts_threads_in_words():
    saved = torch.get_num_threads()
    try:
        torch.set_num_threads(1)
        assert device.describe(torch.device("cpu")) == "CPU (1 thread)"
        torch.set_num_threads(2)
        assert device.describe(torch.device("cpu")) == "CPU (2 threads)"
    finally:
        torch.set_num_threads(saved)


def test_config_json_holds_the_number_of_threads_used(tmp_path, four_cores):
    out = tmp_path / "run"
    code = headless_main(["--headless", "--preset", "live-default", "--steps", "2", "--set",
                          "width=16", "--set", "grid_size=16", "--set", "n_display=64",
                          "--set", "device=cpu", "--out", str(out)])
    assert code == 0
    meta = json.loads((out / "config.json").read_text())
    assert meta["config"]["threads"] == 0 and meta["threads"] == 1
    assert meta["device"] == "CPU (1 thread)"
