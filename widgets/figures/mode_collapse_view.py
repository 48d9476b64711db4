"""Mode collapse: three critics with their samples on top, modes / % HQ / W₁ over time below."""
from __future__ import annotations

import numpy as np
from PySide6 import QtWidgets

from . import parts

CURVES = (("modes", "modes covered (of 8)", "modes"), ("hq", "% high-quality samples", "%"),
          ("w1_exact", "W₁ exact (optimal transport)", "W₁"))


class FigureView(QtWidgets.QWidget):
    def __init__(self, result, parent=None):
        super().__init__(parent)
        page = parts.FigurePage("Same start, same batches: which objective keeps all 8 modes? "
                                "(colour scale per panel)", result.caption)
        QtWidgets.QVBoxLayout(self).addWidget(page)
        self.layout().setContentsMargins(0, 0, 0, 0)
        runs = result.data["runs"]
        for col, run in enumerate(runs):
            surf = run["surface"]
            gan = run["name"].startswith("gan")
            values = np.asarray(surf["values"], float)
            center = 0.5 if gan else float(np.median(values))
            w = parts.surface_plot(run["label"], surf, result.data["real"], run["samples"][:300],
                                   levels=(0.0, 1.0) if gan else None, center=center,
                                   bar_label="D(x)" if gan else "critic f(x)")
            w.getPlotItem().titleLabel.item.setDefaultTextColor(
                parts.QtGui.QColor(parts.RUN_COLORS[col]))
            e = surf["extent"]
            parts.text_item(w.getPlotItem(), f"{run['modes']}/8 modes · {run['hq']:.0f} % HQ · "
                            f"W₁ {run['w1_exact']:.3f}", -e, e, points=parts.AXIS_PT)
            page.add(w, 0, col)
        for col, (key, title, unit) in enumerate(CURVES):
            w = parts.line_plot(title, "generator step", unit)
            plot = w.getPlotItem()
            if col == 0:
                parts.legend(plot, offset=(-10, -10))
            for i, run in enumerate(runs):
                h = run["history"]
                plot.plot(np.asarray(h["step"], float), np.asarray(h[key], float),
                          pen=parts.pen(parts.RUN_COLORS[i], 3.5), name=run["label"])
            if key == "modes":
                plot.setYRange(0, 8.4, padding=0)
            page.add(w, 1, col)
        page.grid.setRowStretch(0, 3)
        page.grid.setRowStretch(1, 2)
