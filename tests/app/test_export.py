"""Slide exports: exact sizes, caption height in pixels, the heatmap filling its plot, flags."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "widgets"))
from snapshots import make_probe, make_snapshot, tail  # noqa: E402

from app.export import SLIDE_PRESETS, build_panel, slide_image  # noqa: E402
from app.offscreen import render_widget  # noqa: E402
from engine.cli import CliError, parse_args  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
LINES = ("W₁ (exact) 0.512 · modes 7 / 8 · HQ 91.0 %",
         "Critic Lab · wgan-gp · 8gaussians · λ = 0.1 (two-sided) · seed 0")


def pixels(image: QImage) -> np.ndarray:
    """H×W×4 uint8 view of an RGB32 image."""
    h, w = image.height(), image.width()
    buf = np.frombuffer(image.constBits(), np.uint8)
    return buf.reshape(h, image.bytesPerLine())[:, : 4 * w].reshape(h, w, 4).copy()


def ink_lines(rows: np.ndarray) -> list[int]:
    """Heights of the runs of rows holding dark (text) pixels: one per line of text."""
    runs, count = [], 0
    for inked in rows:
        if inked:
            count += 1
        elif count:
            runs.append(count)
            count = 0
    return runs + ([count] if count else [])


@pytest.fixture
def surface(qtbot):
    view = build_panel("surface", make_snapshot(probe=make_probe(extent=2.0)))
    qtbot.addWidget(view)
    return view


@pytest.mark.parametrize("size", list(SLIDE_PRESETS.values()))
def test_every_preset_gives_exactly_its_pixel_size(surface, size):
    image = slide_image(surface, *size, LINES)
    assert (image.width(), image.height()) == size
    colours = np.unique(pixels(image)[::9, ::9, :3].reshape(-1, 3), axis=0)
    assert len(colours) > 100  # the heatmap is there, not a blank page


@pytest.mark.parametrize("size, least", [((3840, 2160), 60), ((1920, 1080), 30)])
def test_caption_lines_are_tall_enough_for_a_slide(qtbot, size, least):
    """A 3840-px slide shown 1280 px wide keeps ≥ 20 px caption lines: ≥ 60 px in the file."""
    from PySide6.QtWidgets import QWidget

    blank = QWidget()  # nothing above the caption: every dark row is caption text
    qtbot.addWidget(blank)
    image = slide_image(blank, *size, LINES)
    dark = pixels(image)[:, :, :3].min(2) < 110
    heights = ink_lines(dark.any(1))
    assert len(heights) == 2, heights  # the bold readouts and the settings line
    assert min(heights) >= least, heights


def test_heatmap_view_range_is_the_extent_and_colour_bar_as_tall_as_the_map(surface):
    for size in ((1920, 1080), (1600, 1200), (800, 2000)):  # wide, 4:3 and a tall panel
        render_widget(surface, *size, scale=1.0)
        vb = surface.plot.vb
        assert vb.viewRange() == [[-2.0, 2.0], [-2.0, 2.0]]
        assert abs(vb.width() - vb.height()) <= 3  # square data area: pixels stay square
        bar = surface.colorbar.bar.sceneBoundingRect()
        assert abs(bar.height() - vb.sceneBoundingRect().height()) <= 3


def test_points_beyond_the_extent_are_counted_in_the_legend(qtbot):
    probe = make_probe(extent=2.0)
    fake = probe.fake.copy()
    fake[:5] = 3.5
    from dataclasses import replace

    view = build_panel("surface", make_snapshot(probe=replace(probe, fake=fake)))
    qtbot.addWidget(view)
    assert view.legend.getLabel(view.outside).text == \
        "beyond ±2, not shown: 0 real, 5 generated"


def test_export_buttons_are_hidden_and_lines_scale_with_the_slide(surface):
    assert not any(b.isVisible() for b in surface.buttons.values())
    pen = surface.centre_line.curve.opts["pen"]
    width = pen.widthF()
    from app.offscreen import scaled_pens

    with scaled_pens(surface, 3.6):
        assert pen.widthF() == pytest.approx(3.6 * width)
    assert pen.widthF() == pytest.approx(width)  # the view is left as it was


def test_history_panel_draws_the_whole_history(qtbot):
    history = tail({"w1_exact": lambda s: 1.0 / (1 + s), "w_critic": lambda s: 0.5 + 0 * s},
                   0, 300)
    view = build_panel("distances", make_snapshot(step=300, history=history))
    qtbot.addWidget(view)
    x, _ = view.w_plot.curve("w1_exact").getData()
    assert x[0] == 0 and x[-1] == 299


@pytest.mark.parametrize("flags, words", [
    (["--export", "surface:a.png", "--slide", "1920by1080"], "WIDTHxHEIGHT"),
    (["--export", "surface:a.png", "--slide", "10x10"], "WIDTHxHEIGHT"),
    (["--export", "bogus:a.png", "--quit-after", "1"], "unknown panel 'bogus'"),
    (["--export", "surface", "--quit-after", "1"], "PANEL:PATH"),
    (["--export", "surface:/no/such/dir/a.png", "--quit-after", "1"], "does not exist"),
    (["--export", "surface:a.png"], "--quit-after"),
    (["--slide", "1920x1080"], "--slide needs --export"),
    (["--headless", "--out", "x", "--export", "distances:a.png"], "only the surface"),
])
def test_bad_export_flags_are_refused(flags, words):
    with pytest.raises(CliError, match=words.replace("(", r"\(")):
        parse_args(flags)


def test_headless_export_may_go_into_the_out_folder_it_will_make(tmp_path):
    out = tmp_path / "not-yet"
    args, _ = parse_args(["--headless", "--out", str(out), "--export", f"surface:{out}/s.png"])
    assert args.exports == [("surface", out / "s.png")] and args.slide == (1920, 1080)


def test_good_export_flags_parse(tmp_path):
    args, _ = parse_args(["--export", f"window:{tmp_path}/w.png", "--export",
                          f"surface:{tmp_path}/s.png", "--slide", "3840x2160",
                          "--quit-after", "5"])
    assert args.slide == (3840, 2160)
    assert [name for name, _ in args.exports] == ["window", "surface"]


def test_bad_slide_exits_2_with_one_line():
    done = subprocess.run([sys.executable, "main.py", "--headless", "--out", "x", "--export",
                           "surface:s.png", "--slide", "4k"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "--slide" in done.stderr


HEADLESS = """
import json, sys
import main
from engine import cli
seen = {}
def at_end(args, trainer, probe):
    seen["qt_in_training"] = sorted(
        m for m in sys.modules if m.split(".")[0] in ("PySide6", "pyqtgraph", "shiboken6"))
    main._slides_after_training(args, trainer, probe)
code = cli.main(sys.argv[1:], at_end=at_end)
print(json.dumps({"code": code, **seen}))
"""


def test_headless_export_writes_the_slide_and_training_stays_qt_free(tmp_path):
    out, png = tmp_path / "run", tmp_path / "surface.png"
    flags = ["--headless", "--preset", "live-default", "--steps", "3", "--out", str(out),
             "--set", "width=16", "--set", "grid_size=32", "--set", "n_display=64",
             "--set", "batch_size=32", "--set", "threads=1",
             "--export", f"surface:{png}", "--slide", "1600x1200"]
    env = {"OMP_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", HEADLESS, *flags], cwd=ROOT, capture_output=True,
                          text=True, timeout=180, env=env)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"code": 0, "qt_in_training": []}
    assert "propagateSizeHints" not in done.stderr  # the offscreen platform's noise is dropped
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1600, 1200)
    assert (out / "critic.npy").exists()


def test_wide_slide_puts_the_legend_beside_the_map_off_the_data(qtbot):
    snap = make_snapshot(probe=make_probe(extent=2.0))
    wide = build_panel("surface", snap)
    qtbot.addWidget(wide)
    slide_image(wide, 1920, 1080, LINES)
    rows = [label.text for _, label in wide.slide_legend.items]
    assert rows == [label.text for _, label in wide.legend.items]
    bar = wide.colorbar.sceneBoundingRect()
    assert wide.slide_legend.sceneBoundingRect().left() > bar.right()
    assert wide.legend.opacity() == 0.0  # the one on the map is not drawn
    narrow = build_panel("surface", snap)  # 4:3: no room beside, the legend stays on the map
    qtbot.addWidget(narrow)
    slide_image(narrow, 1600, 1200, LINES)
    assert not hasattr(narrow, "slide_legend") and narrow.legend.opacity() == 1.0


def test_export_dialog_offers_the_slide_presets_and_a_custom_size(qtbot):
    from app.export_menu import CUSTOM, ExportDialog

    dialog = ExportDialog(["surface", "window"])
    qtbot.addWidget(dialog)
    assert dialog.choice() == ("surface", (1920, 1080), True)
    dialog.size.setCurrentText("4:3 · 2048 × 1536")
    assert dialog.choice()[1] == (2048, 1536) and not dialog.width.isEnabled()
    dialog.size.setCurrentText(CUSTOM)
    dialog.width.setValue(1280)
    dialog.height.setValue(720)
    dialog.panel.setCurrentIndex(1)
    assert dialog.choice() == ("window", (1280, 720), True) and dialog.width.isEnabled()


def test_a_surface_slide_draws_the_forces_at_the_windows_run_scale(qtbot):
    from dataclasses import replace

    from widgets.critic_surface import CriticSurfaceView

    live = CriticSurfaceView()
    qtbot.addWidget(live)
    strong = make_probe(step=10)
    strong = replace(strong, arrows=strong.arrows * 40.0)  # early forces grew the unit
    live.show_snapshot(make_snapshot(step=10, probe=strong))
    weak = make_probe(step=500)
    snap = make_snapshot(step=500, probe=weak)
    live.show_snapshot(snap)
    assert live.force.unit > 1.0
    slide = build_panel("surface", snap, like=live)
    assert slide.force.unit == live.force.unit and slide.force.grown_at == live.force.grown_at
    assert not any(box.isVisibleTo(slide) for box in slide.findChildren(type(slide.arrow_mode_box)))


def test_slides_paint_cached_axes_afresh_and_restore_the_cache(qtbot):
    from PySide6.QtWidgets import QGraphicsItem

    from app.offscreen import scaled_pens

    view = build_panel("distances", make_snapshot(probe=make_probe()))
    qtbot.addWidget(view)
    axes = [a for p in (view.w_plot, view.jsd_plot) for a in p.getPlotItem().axes.values()]
    axes = [a["item"] for a in axes]
    cached = [a for a in axes if a.cacheMode() != QGraphicsItem.CacheMode.NoCache]
    assert cached  # the window caches tick text as screen-resolution pixmaps
    with scaled_pens(view, 3.6):  # a 4K slide: a cached pixmap would be scaled up blurred
        assert all(a.cacheMode() == QGraphicsItem.CacheMode.NoCache for a in cached)
    assert all(a.cacheMode() != QGraphicsItem.CacheMode.NoCache for a in cached)
