"""Headless faults: divergence exits 3 with the last good weights; bad resources exit 2 early."""
import csv
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import torch

from engine import mnist_data as md
from engine.cli import main
from engine.trainer import Trainer

ROOT = Path(__file__).resolve().parents[2]
SMALL = ["--set", "width=16", "--set", "depth=2", "--set", "batch_size=32", "--set",
         "grid_size=32", "--set", "threads=1"]
pytestmark = pytest.mark.usefixtures("one_torch_thread")


def _poison_critic_after(monkeypatch, step: int) -> None:
    """Fault: right after generator step ``step`` every critic weight becomes NaN."""
    real_step = Trainer.step

    def step_then_poison(self, *args, **kwargs):
        out = real_step(self, *args, **kwargs)
        if self.step_count == step:
            with torch.no_grad():
                for p in self.critic.parameters():
                    p.fill_(float("nan"))
        return out

    monkeypatch.setattr(Trainer, "step", step_then_poison)


def test_divergence_exits_3_and_writes_the_last_good_weights(tmp_path, capsys, monkeypatch):
    _poison_critic_after(monkeypatch, 25)
    out = tmp_path / "run"
    code = main(["--headless", "--preset", "live-default", *SMALL, "--steps", "60",
                 "--log-every", "10", "--seed", "4", "--out", str(out)])
    assert code == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert re.fullmatch(
        r"critic-lab: training diverged: loss_[dg] became NaN at step 2[56]; wrote config\.json, "
        r"metrics\.csv and the samples and critic grid of the last good weights \(step 20\) "
        rf"to {re.escape(str(out))}", err[0]), err[0]
    with open(out / "metrics.csv") as fh:
        assert [int(r["step"]) for r in csv.DictReader(fh)] == [10, 20]
    meta = json.loads((out / "config.json").read_text())
    assert meta["steps"] == 20 and meta["diverged"]["weights_from_step"] == 20
    assert re.search("became NaN at step 2[56]", meta["diverged"]["reason"])
    for name in ("samples.npy", "critic.npy", "real.npy"):
        assert np.isfinite(np.load(out / name)).all(), name


def test_the_issue_command_diverges_with_exit_3(tmp_path, capsys):
    """fgan-kl with plain SGD at learning rate 1 blows up within a few steps (the report)."""
    out = tmp_path / "kl"
    code = main(["--headless", "--preset", "fgan-kl", *SMALL, "--set", "optimizer=sgd",
                 "--set", "lr_d=1", "--set", "lr_g=1", "--steps", "40", "--log-every", "10",
                 "--seed", "0", "--out", str(out)])
    assert code == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and re.match(r"critic-lab: training diverged: \w+ became (NaN|infinite) "
                                      r"at step \d+; .*last good weights \(step 0\)", err[0])
    assert {p.name for p in out.iterdir()} == {"config.json", "metrics.csv", "samples.npy",
                                               "real.npy", "critic.npy"}
    assert np.isfinite(np.load(out / "samples.npy")).all()


@pytest.mark.parametrize("args, message", [
    (["--set", "device=cuda"], "device=cuda was asked for, but torch sees no CUDA GPU here"),
    (["--mnist-dir", "/nonexistent"], "/nonexistent: no such folder"),
    (["--set", "dataset=csv", "--set", "csv_path=/nonexistent.csv"], "/nonexistent.csv does not"),
    (["--preset", "nope"], "nope"),
])
def test_bad_resource_is_one_line_exit_2_and_no_output_folder(tmp_path, capsys, monkeypatch,
                                                              args, message):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)  # also on a GPU machine
    out = tmp_path / "never" / "run"
    assert main(["--headless", *SMALL, "--steps", "5", *args, "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("critic-lab: error:") and message in err[0], err
    assert not (tmp_path / "never").exists()


def test_mnist_folder_without_mnist_is_refused_not_replaced(tmp_path, capsys, monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "run"
    code = main(["--headless", "--preset", "mnist-wgan-gp", "--mnist-dir", str(empty),
                 "--steps", "1", "--out", str(out)])
    assert code == 2 and not out.exists()
    assert "no train- or t10k-images-idx3-ubyte" in capsys.readouterr().err
    with pytest.raises(md.ImageDataError, match="no such folder"):  # the window's path
        md.load_images("mnist", mnist_dir=tmp_path / "absent")
    with pytest.raises(md.ImageDataError, match="no train- or t10k"):
        md.load_images("mnist", mnist_dir=empty)  # never the embedded digits instead
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(md.MNIST_ENV_VAR, raising=False)
    unnamed = md.load_images("mnist")  # no folder named: the shipped digits, as before
    assert len(unnamed) == 5000 and unnamed.source == md.EMBEDDED_SOURCE


def test_cuda_without_gpu_from_the_shell_is_one_line():
    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    done = subprocess.run([sys.executable, "main.py", "--headless", "--set", "device=cuda",
                           "--out", "/tmp/critic-lab-never"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip() == ("critic-lab: error: device=cuda was asked for, but torch sees "
                                   "no CUDA GPU here; use device=cpu or device=auto")
    assert not Path("/tmp/critic-lab-never").exists()


@pytest.mark.parametrize("changes, message", [
    (dict(device="cuda"), "could not start training: device=cuda was asked for, but torch sees "
                          "no CUDA GPU here; use device=cpu or device=auto"),
    (dict(dataset="mnist", mnist_dir="/nonexistent"),
     "could not start training: /nonexistent: no such folder"),
])
def test_window_worker_shows_the_same_message(monkeypatch, changes, message):
    """In the window the same faults reach the banner through the worker's failed snapshot."""
    from engine.presets import preset_config
    from engine.worker import TrainingWorker

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    worker = TrainingWorker(preset_config("live-default", width=16, depth=2, threads=1,
                                          **changes))
    worker.start()
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            snap = worker.mailbox.latest()
            if snap is not None and snap.status == "failed":
                break
            time.sleep(0.02)
        assert snap.status == "failed" and snap.message.startswith(message), snap.message
    finally:
        assert worker.stop(timeout=2.0)
