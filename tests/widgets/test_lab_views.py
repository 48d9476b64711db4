"""Lab views and controls with hand-made numbers."""
import numpy as np
from PySide6 import QtGui

from engine.lab.exact import parallel_lines
from engine.lab.mixture import Mixture
from widgets.lab.fit_table import FitTable
from widgets.lab.gaussian_controls import GaussianControls
from widgets.lab.mixture_editor import MixtureEditor
from widgets.lab.theta_curves import ThetaCurvesView


def test_theta_view_draws_infinity_on_the_ceiling_and_reads_out_values(qtbot):
    view = ThetaCurvesView("t", y_max=2.5)
    qtbot.addWidget(view)
    theta = np.linspace(-1, 1, 21)
    view.show_curves(theta, parallel_lines(theta), current=0.5)
    _, y = view.items["kl_pq"].getData()
    assert np.all(y[theta != 0] == 2.5 * 0.96) and y[10] == 0
    assert "∞" in view.inf_label.toPlainText()
    text = view.readout.toPlainText()
    assert "θ = +0.50" in text and "W₁ = 0.500" in text and "KL(P‖Q) = ∞" in text
    assert "JSD = 0.693" in text


def test_fit_table_shows_exact_and_trained(qtbot):
    table = FitTable(("kl", "rkl"))
    qtbot.addWidget(table)
    table.show_fits({"kl": {"mu": 0.0, "sigma": 2.0616, "value": 0.7236}},
                    {"rkl": {"mu": 2.01, "sigma": 0.51, "value": "inf"}})
    assert [table.item(0, c).text() for c in range(1, 4)] == ["0.000", "2.062", "0.724"]
    assert table.item(0, 4).text() == "…"
    assert table.item(1, 6).text() == "∞" and table.item(1, 4).text() == "2.010"


def test_mixture_editor_emits_the_mixture(qtbot):
    editor = MixtureEditor(components=2)
    qtbot.addWidget(editor)
    seen = []
    editor.changed.connect(seen.append)
    editor.count.setValue(3)
    assert len(seen[-1].weights) == 3
    editor.rows[0][2].setValue(-1.5)
    assert seen[-1].means[0] == -1.5


def test_gaussian_controls_emit_both(qtbot):
    controls = GaussianControls(real=(1.0, 0.5), fake=(-1.0, 0.7))
    qtbot.addWidget(controls)
    seen = []
    controls.changed.connect(lambda p, q: seen.append((p, q)))
    controls.spins["fake"][1].setValue(1.2)
    assert seen[-1] == (Mixture.gaussian(1.0, 0.5), Mixture.gaussian(-1.0, 1.2))


def test_fit_table_headers_and_numbers_fit_the_columns_at_lab_width(qtbot):
    """At a 1280 px window the table is ~500 px wide: one-line headers were cut to "traine"
    and 10.882 to "10.8…". Every header line and number must fit its column."""
    table = FitTable(("kl", "rkl", "pearson", "neyman", "hellinger", "js"))
    qtbot.addWidget(table)
    table.resize(500, 560)
    table.show()
    qtbot.waitExposed(table)
    wild = {"mu": -4.321, "sigma": 10.882, "value": 1234.5}  # early training: wide, far off
    table.show_fits({"kl": wild}, {"rkl": wild, "pearson": {"mu": 0.896, "sigma": 0.456,
                                                            "value": 97.123}})
    header = table.horizontalHeader()
    head_font = QtGui.QFontMetrics(header.font())
    cell_font = QtGui.QFontMetrics(table.font())
    for col in range(1, table.columnCount()):
        lines = table.horizontalHeaderItem(col).text().split("\n")
        needed = max(head_font.horizontalAdvance(line) for line in lines)
        for row in range(table.rowCount()):
            needed = max(needed, cell_font.horizontalAdvance(table.item(row, col).text()))
        assert needed + 6 <= header.sectionSize(col), (col, needed, header.sectionSize(col))
