"""In-project digit CNN: accuracy on real digits, determinism, cache, score/histogram math."""
from __future__ import annotations

import dataclasses
import logging
import math

import numpy as np
import pytest
import torch
from torch import nn

from engine import digit_classifier as dc
from engine.mnist_data import ImageSampler, load_embedded_mnist

# Measured with the defaults (5 epochs, Adam 3e-3, batch 32, 4000 train / 1000 held out):
# held-out accuracy 0.969-0.980 over seeds 0-9 (default 1 thread), 4.4-6.6 s of CPU each.
ACCURACY_FLOOR = 0.95


@pytest.fixture(scope="module")
def digits():
    return load_embedded_mnist()


@pytest.fixture(scope="module")
def trained(digits):
    return dc.train_classifier(digits, seed=0)


def _tiny(digits, n=300):
    """A small class-balanced slice (the embedded digits are interleaved by class)."""
    return dataclasses.replace(digits, images=digits.images[:n], labels=digits.labels[:n])


class FixedLogits(nn.Module):
    """Fake classifier: the class is encoded in pixel (0, 0) as 0.1 * k; logits are one-hot * 50."""

    def forward(self, x):
        k = torch.round(x[:, 0, 0, 0] * 10).long()
        return nn.functional.one_hot(k, 10).float() * 50.0


def _encoded(classes) -> torch.Tensor:
    x = torch.zeros(len(classes), 1, 28, 28)
    x[:, 0, 0, 0] = torch.tensor(classes, dtype=torch.float32) / 10
    return x


def test_accuracy_on_embedded_digits(trained, digits):
    assert trained.n_train == 4000 and trained.n_test == 1000
    assert trained.accuracy >= ACCURACY_FLOOR
    assert not trained.model.training
    x = ImageSampler(digits).images
    # Mostly seen data here, so the histogram is close to the true 500 per class.
    hist = dc.class_histogram(trained.model, x)
    assert hist.sum() == 5000 and np.abs(hist - 500).max() < 60
    # Real balanced digits score close to the maximum of 10.
    assert 8.5 < dc.classifier_score(trained.model, x) <= 10.0
    feats = dc.classifier_features(trained.model, x[:50])
    assert feats.shape == (50, 64) and feats.min() >= 0.0 and feats.std() > 0


def test_training_is_deterministic_for_a_seed(digits):
    tiny = _tiny(digits)
    a = dc.train_classifier(tiny, epochs=1, seed=3)
    b = dc.train_classifier(tiny, epochs=1, seed=3)
    c = dc.train_classifier(tiny, epochs=1, seed=4)
    assert a.accuracy == b.accuracy and (a.n_train, a.n_test) == (240, 60)
    for (name, pa), pb in zip(a.model.state_dict().items(), b.model.state_dict().values()):
        assert torch.equal(pa, pb), name
    assert not torch.equal(a.model.head.weight, c.model.head.weight)


def test_score_math_with_fixed_logits():
    model = FixedLogits()
    balanced = _encoded([k % 10 for k in range(200)])
    assert dc.classifier_score(model, balanced) == pytest.approx(10.0, rel=1e-9)
    assert dc.classifier_score(model, _encoded([3] * 50)) == pytest.approx(1.0, abs=1e-12)
    # Two equally used classes: exp(log 2) = 2.
    assert dc.classifier_score(model, _encoded([1, 7] * 40)) == pytest.approx(2.0, rel=1e-9)
    np.testing.assert_array_equal(dc.class_histogram(model, _encoded([2, 2, 5, 9])),
                                  [0, 0, 2, 0, 0, 1, 0, 0, 0, 1])


def test_score_of_uniform_predictions_is_one():
    class Flat(nn.Module):
        def forward(self, x):
            return torch.zeros(len(x), 10)
    # p(y|x) = p(y): no information, KL = 0.
    assert dc.classifier_score(Flat(), torch.zeros(30, 1, 28, 28)) == pytest.approx(1.0)
    # A single confident sample: KL(p || p) = 0 -> score 1, with no nan from log(0).
    assert dc.classifier_score(FixedLogits(), _encoded([4])) == pytest.approx(1.0)
    assert math.isnan(dc.classifier_score(Flat(), torch.zeros(0, 1, 28, 28)))


def test_cache_round_trip(digits, tmp_path):
    tiny = _tiny(digits)
    first = dc.load_or_train_classifier(tiny, cache_dir=tmp_path, epochs=1, seed=1)
    assert not first.from_cache and len(list(tmp_path.glob("*.pt"))) == 1
    second = dc.load_or_train_classifier(tiny, cache_dir=tmp_path, epochs=1, seed=1)
    assert second.from_cache and second.accuracy == first.accuracy
    assert (second.n_train, second.n_test) == (first.n_train, first.n_test)
    x = ImageSampler(tiny).images
    torch.testing.assert_close(second.model(x), first.model(x), rtol=0, atol=0)
    # Other settings do not reuse the file.
    other = dc.load_or_train_classifier(tiny, cache_dir=tmp_path, epochs=2, seed=1)
    assert not other.from_cache


def test_corrupt_cache_is_retrained_with_a_warning(digits, tmp_path, caplog):
    tiny = _tiny(digits, 200)
    dc.load_or_train_classifier(tiny, cache_dir=tmp_path, epochs=1, seed=2)
    (path,) = tmp_path.glob("*.pt")
    path.write_bytes(b"not a torch file at all")
    with caplog.at_level(logging.WARNING, logger="engine.digit_classifier"):
        again = dc.load_or_train_classifier(tiny, cache_dir=tmp_path, epochs=1, seed=2)
    assert not again.from_cache
    messages = [r.getMessage() for r in caplog.records]
    assert any("unreadable" in m and str(path) in m for m in messages)
    # The bad file was replaced by a good one.
    assert dc.load_or_train_classifier(tiny, cache_dir=tmp_path, epochs=1, seed=2).from_cache


def test_default_cache_dir_is_in_app_data(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert dc.default_cache_dir() == tmp_path / "critic-lab" / "classifier"
