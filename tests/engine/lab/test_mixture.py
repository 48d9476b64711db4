"""Parsing and validating "w:mean:std,..." mixtures."""
import numpy as np
import pytest

from engine.lab.mixture import Mixture, MixtureError, parse_mixture


def test_parse_normalises_weights_and_integrates_to_one():
    m = parse_mixture("1:-2:0.5, 3:1:1")
    assert m.weights == (0.25, 0.75) and m.means == (-2.0, 1.0) and m.stds == (0.5, 1.0)
    x = np.linspace(-12, 12, 20001)
    assert np.trapezoid(m.pdf(x), x) == pytest.approx(1.0, abs=1e-9)
    assert m.cdf(np.array([-50.0, 50.0])).tolist() == pytest.approx([0.0, 1.0])


@pytest.mark.parametrize("text, words", [
    ("", "empty"), ("0.5:-2", "w:mean:std"), ("a:b:c", "w:mean:std"),
    ("0:1:1", "positive"), ("-1:1:1", "positive"), ("1:0:0", "std"), ("1:0:-1", "std"),
    ("1:0:nan", "finite"), (",".join(["1:0:1"] * 6), "at most 5"),
])
def test_bad_mixtures_are_refused_with_one_line(text, words):
    with pytest.raises(MixtureError) as err:
        parse_mixture(text)
    assert words in str(err.value) and "\n" not in str(err.value)


def test_mixture_text_round_trip():
    m = Mixture((0.5, 0.5), (-2.0, 2.0), (0.5, 0.5))
    assert parse_mixture(m.text()) == m
