"""Big point-cloud CSVs: read in blocks with progress and cancel, bounded memory, size limit."""
import tracemalloc

import numpy as np
import pytest

from engine import data
from engine.data import DataError, LoadCancelled, load_csv_points


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    """~4 MB of comma-separated points with a header: many blocks of the reader."""
    pts = np.random.default_rng(7).normal(size=(160_000, 2))
    path = tmp_path_factory.mktemp("csv") / "big.csv"
    np.savetxt(path, pts, delimiter=",", fmt="%.9f", header="x,y", comments="")
    return path, pts


def test_block_reader_gives_every_point_and_rising_progress(big_csv):
    path, pts = big_csv
    seen = []
    out = load_csv_points(path, progress=seen.append)
    assert out.dtype == np.float32 and out.shape == pts.shape
    np.testing.assert_allclose(out, pts, rtol=1e-6, atol=1e-7)
    assert len(seen) >= 10 and seen == sorted(seen) and seen[-1] == 1.0


def test_cancel_stops_between_blocks(big_csv):
    path, _ = big_csv
    seen = []
    with pytest.raises(LoadCancelled):
        load_csv_points(path, progress=seen.append, cancelled=lambda: len(seen) >= 3)
    assert len(seen) == 3 and seen[-1] < 0.5


def test_bad_line_deep_in_a_big_file_is_named(tmp_path, big_csv):
    path, _ = big_csv
    lines = path.read_text().splitlines()
    lines[120_001] = "0.5,oops"
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataError, match=r"bad.csv, line 120002: expected two numbers, got '0.5,oops'"):
        load_csv_points(bad)
    lines[120_001] = "nan,1"
    bad.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataError, match="line 120002: values must be finite"):
        load_csv_points(bad)


def test_peak_memory_within_three_times_the_file(big_csv):
    path, _ = big_csv
    size = path.stat().st_size
    tracemalloc.start()
    try:
        load_csv_points(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak <= 3 * size, (peak, size)


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.csv"
    path.write_text("1,2\n" * 1000)
    monkeypatch.setattr(data, "MAX_CSV_BYTES", 2000)
    monkeypatch.setattr(data, "open", lambda *a, **k: pytest.fail("read"), raising=False)
    with pytest.raises(DataError, match=r"huge.csv is 0 MB; Critic Lab reads point clouds of up "
                                        r"to .* MB .*shuf -n"):
        load_csv_points(path)
