"""Numbers the toy datasets must reproduce (gan_toy scaling) and CSV loading."""

import math

import numpy as np
import pytest
import torch

from engine.data import (
    DATASETS,
    DataError,
    PointDataset,
    csv_dataset,
    dataset_names,
    load_csv_points,
    make_dataset,
)


def draw(name, n, seed=0):
    return DATASETS[name].sample(n, torch.Generator().manual_seed(seed))


def test_teaching_order_starts_with_the_wgan_gp_sets():
    names = dataset_names()
    assert names[:3] == ["8gaussians", "25gaussians", "swissroll"]
    assert set(names) == {"8gaussians", "25gaussians", "swissroll", "ring", "moons",
                          "checkerboard", "spiral", "gaussian", "2gaussians"}
    assert all(DATASETS[n].name == n for n in names)


def test_eight_gaussians_geometry():
    x = draw("8gaussians", 100_000).double().numpy()
    # Group by angle (multiples of 45°), independent of the stored centres.
    k = np.round(np.arctan2(x[:, 1], x[:, 0]) / (math.pi / 4)).astype(int) % 8
    for j in range(8):
        pts = x[k == j]
        mean = pts.mean(axis=0)
        assert np.linalg.norm(mean) == pytest.approx(1.41443, abs=0.002)
        # Tight, well separated clusters: all points within 10σ of their mean.
        assert np.linalg.norm(pts - mean, axis=1).max() < 0.15
        assert (pts - mean).std() == pytest.approx(0.014144, rel=0.03)
    d = DATASETS["8gaussians"]
    assert d.sigma == pytest.approx(0.014144, abs=1e-6)
    assert np.linalg.norm(d.centers, axis=1) == pytest.approx(np.full(8, 1.41443), abs=1e-5)


def test_eight_gaussians_modes_are_equally_likely():
    # 400k draws: the binomial sd per mode is 0.42 % relative, so 2 % is ~4.8 sd.
    x = draw("8gaussians", 400_000, seed=1).numpy()
    k = np.round(np.arctan2(x[:, 1], x[:, 0]) / (math.pi / 4)).astype(int) % 8
    freq = np.bincount(k, minlength=8) / len(k)
    assert freq == pytest.approx(np.full(8, 1 / 8), rel=0.02)


def test_twenty_five_gaussians_grid():
    x = draw("25gaussians", 100_000).double().numpy()
    for axis in (0, 1):
        v = np.sort(x[:, axis])
        # Split at the gaps between columns (gap ≈ 0.70 vs σ ≈ 0.018).
        groups = np.split(v, np.flatnonzero(np.diff(v) > 0.3) + 1)
        assert len(groups) == 5
        means = np.array([g.mean() for g in groups])
        assert np.diff(means) == pytest.approx(np.full(4, 0.70721), abs=0.002)
        assert means[0] == pytest.approx(-1.41443, abs=0.002)
        assert np.mean([g.std() for g in groups]) == pytest.approx(0.017680, rel=0.03)
    assert len(DATASETS["25gaussians"].centers) == 25


def test_swissroll_radius_and_no_centres():
    x = draw("swissroll", 50_000).double().numpy()
    r = np.linalg.norm(x, axis=1)
    # Noise-free radius spans t/7.5 for t in [1.5π, 4.5π]: 0.628 to 1.885.
    assert np.quantile(r, 0.001) == pytest.approx(1.5 * math.pi / 7.5, abs=0.1)
    assert np.quantile(r, 0.999) == pytest.approx(4.5 * math.pi / 7.5, abs=0.1)
    assert DATASETS["swissroll"].centers is None


def test_simple_shapes():
    ring = draw("ring", 50_000).double().numpy()
    r = np.linalg.norm(ring, axis=1)
    assert r.mean() == pytest.approx(1.0, abs=0.005)
    assert r.std() == pytest.approx(0.05, rel=0.05)
    g = draw("gaussian", 50_000).double().numpy()
    assert g.std(axis=0) == pytest.approx([0.5, 0.5], rel=0.02)
    two = draw("2gaussians", 50_000).double().numpy()
    assert np.abs(two[:, 0]).mean() == pytest.approx(1.0, abs=0.005)
    assert two[:, 1].std() == pytest.approx(0.1, rel=0.03)
    board = draw("checkerboard", 50_000).double().numpy()
    cell = np.floor(board + 2.0).astype(int)
    assert ((cell.sum(axis=1) % 2) == 0).all()  # only black squares
    assert np.abs(draw("moons", 50_000).numpy()).max(axis=0)[0] < 1.8


def test_same_seed_same_points_other_seed_different():
    for name in DATASETS:
        a, b, c = draw(name, 500, 7), draw(name, 500, 7), draw(name, 500, 8)
        assert a.dtype == torch.float32 and a.shape == (500, 2)
        assert torch.equal(a, b)
        assert not torch.equal(a, c)


def test_samples_lie_inside_extent():
    for name, d in DATASETS.items():
        x = draw(name, 20_000).numpy()
        inside = (np.abs(x).max(axis=1) <= d.extent).mean()
        assert inside >= 0.99, name


def test_sample_argument_checks():
    d = DATASETS["ring"]
    assert d.sample(0, torch.Generator()).shape == (0, 2)
    with pytest.raises(ValueError):
        d.sample(-1, torch.Generator())
    assert isinstance(d, PointDataset)


def write(tmp_path, text, name="pts.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_csv_good_file_with_header_comments_and_mixed_separators(tmp_path):
    p = write(tmp_path, "# exported points\nx,y\n\n1.5,2\n3;4  # inline note\n-5 6e-1\n7,\t8,\n")
    pts = load_csv_points(p)
    assert pts.dtype == np.float32
    np.testing.assert_allclose(pts, [[1.5, 2], [3, 4], [-5, 0.6], [7, 8]])


def test_csv_malformed_line_reports_file_and_line(tmp_path):
    p = write(tmp_path, "x y\n1 2\n\n3 oops\n")
    with pytest.raises(DataError) as err:
        load_csv_points(p)
    assert str(err.value) == f"{p}, line 4: expected two numbers, got '3 oops'"
    with pytest.raises(DataError, match="line 2: expected two numbers"):
        load_csv_points(write(tmp_path, "1,2\n1,2,3\n"))


@pytest.mark.parametrize("bad", ["nan", "inf", "-Infinity", "1e39"])
def test_csv_non_finite_values_are_refused(tmp_path, bad):
    p = write(tmp_path, f"0,0\n1,1\n{bad},2\n")
    with pytest.raises(DataError, match="line 3: values must be finite"):
        load_csv_points(p)


def test_csv_missing_empty_and_unreadable(tmp_path):
    with pytest.raises(DataError, match="absent.csv does not exist"):
        load_csv_points(tmp_path / "absent.csv")
    with pytest.raises(DataError, match="contains no data points"):
        load_csv_points(write(tmp_path, ""))
    with pytest.raises(DataError, match="contains no data points"):
        load_csv_points(write(tmp_path, "x,y\n# nothing\n"))
    with pytest.raises(DataError, match="at least 2"):
        load_csv_points(write(tmp_path, "1,2\n"))
    with pytest.raises(DataError, match="folder"):
        load_csv_points(tmp_path)
    binary = tmp_path / "img.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00")
    with pytest.raises(DataError, match="not a UTF-8 text file"):
        load_csv_points(binary)


def test_csv_dataset_samples_only_file_points(tmp_path):
    p = write(tmp_path, "0,0\n1,-2\n0.5,0.5\n")
    d = csv_dataset(p)
    assert d.name == "csv" and d.centers is None
    assert d.extent == pytest.approx(2.3)
    x = d.sample(3000, torch.Generator().manual_seed(3))
    assert x.dtype == torch.float32
    rows = {tuple(r) for r in x.tolist()}
    assert rows == {(0.0, 0.0), (1.0, -2.0), (0.5, 0.5)}
    assert torch.equal(x, d.sample(3000, torch.Generator().manual_seed(3)))


def test_make_dataset(tmp_path):
    assert make_dataset("swissroll") is DATASETS["swissroll"]
    with pytest.raises(DataError, match=r"unknown dataset 'blobs'; choose one of: 8gaussians, "):
        make_dataset("blobs")
    with pytest.raises(DataError, match="needs a file path"):
        make_dataset("csv")
    assert make_dataset("csv", str(write(tmp_path, "1 1\n2 2\n"))).extent == pytest.approx(2.3)
    assert issubclass(DataError, ValueError)
