"""Every training control in one panel; it emits the changes, the window decides what they mean."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QSpinBox, QVBoxLayout, QWidget,
)
from superqt.utils import signals_blocked

from engine.config import (
    GENERATOR_LOSSES, IMAGE_DATASETS, OPTIMIZERS, PENALTIES, POINT_DATASETS, TrainConfig,
)
from engine.objectives import FAMILIES, FAMILY_TITLES, OBJECTIVES

from .log_spinbox import LogSpinBox

# (field, label, tooltip). The tooltips are the lesson: what the knob means, in formulas.
_TIPS = {
    "objective": "Loss pair of critic and generator. Grouped by family: GAN (D = σ(V)), "
                 "f-GAN (variational f-divergence bound), Wasserstein (1-Lipschitz critic).",
    "clip": "c: after every critic step each critic weight is clamped to [−c, c] (WGAN). "
            "Small c → nearly linear critic; large c → no Lipschitz bound at all.",
    "lambda_gp": "λ: weight of the gradient penalty λ·E(‖∇D(x̂)‖₂ − 1)² at random interpolates "
                 "x̂ = εx + (1−ε)x̃ (WGAN-GP). Paper: 10; toy code: 0.1.",
    "penalty": "two-sided: (‖∇D‖ − 1)² pulls norms to 1 from both sides; one-sided: "
               "max(0, ‖∇D‖ − 1)² only punishes norms above 1 (WGAN-GP appendix C).",
    "n_critic": "Critic updates per generator update. WGAN wants the critic near optimal: 5.",
    "generator_loss": "f-GAN generator loss. saddle: minimise −E f*(g_f(V)), the min side of the "
                      "f-GAN saddle, whose fixed point is the divergence's own optimum (KL covers "
                      "the modes). practical: maximise E g_f(V) (paper §3), stronger early "
                      "gradients but it can settle elsewhere (KL then seeks a mode).",
    "optimizer": "Adam (β₁, β₂), RMSProp (WGAN paper) or SGD (β₁ = momentum). "
                 "Changing it resets the optimizer state.",
    "lr_g": "Generator learning rate (step size of its optimizer).",
    "lr_d": "Critic learning rate.",
    "beta1": "Adam β₁ (first-moment decay); WGAN-GP paper 0, its code 0.5.",
    "beta2": "Adam β₂ (second-moment decay); WGAN-GP uses 0.9.",
    "batch_size": "Real and generated samples per batch (m).",
    "dataset": "The real distribution. Changing it rebuilds the networks (asks first).",
    "width_g": "Generator hidden units per layer (images: base channels). Rebuilds the networks.",
    "width_d": "Critic hidden units per layer (images: base channels). Rebuilds the networks.",
    "depth_g": "Generator hidden layers (2-D MLPs). Rebuilds.",
    "depth_d": "Critic hidden layers (2-D MLPs; 12 reproduces WGAN-GP Fig. 1b). Rebuilds.",
    "noise_dim": "Dimension of the latent noise z ~ N(0, I). Rebuilds.",
    "seed": "Seeds initial weights, batches and noise: same seed, same run. Rebuilds.",
    "fixed_generator": "Hold the 'generator' at real data + N(0, I) and train only the critic, "
                       "as the WGAN-GP paper draws its critic surfaces. Rebuilds.",
    "probe_interval": "Seconds between diagnostics (surface, arrows, norms). Lower = smoother "
                      "pictures, slower training.",
    "grid_size": "Critic surface resolution per side (cost grows with its square).",
}


class ControlPanel(QWidget):
    """Emits ``changed({field: value})`` for each edit; :meth:`show_config` syncs without echo."""

    changed = Signal(dict)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._editors: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self._group("Objective", [
            ("objective", "objective", self._objective_box()),
            ("clip", "clip c", _spin(1e-4, 10.0, 4, 0.005)),
            ("lambda_gp", "penalty λ", LogSpinBox(1e-3, 1000.0)),
            ("penalty", "penalty kind", _combo(PENALTIES)),
            ("n_critic", "n_critic", _int_spin(1, 100)),
            ("generator_loss", "generator loss", _combo(GENERATOR_LOSSES)),
        ]))
        layout.addWidget(self._group("Optimisation", [
            ("optimizer", "optimizer", _combo(OPTIMIZERS)),
            ("lr_g", "lr generator", LogSpinBox(1e-6, 1.0)),
            ("lr_d", "lr critic", LogSpinBox(1e-6, 1.0)),
            ("beta1", "β₁", _spin(0.0, 0.999, 3, 0.05)),
            ("beta2", "β₂", _spin(0.0, 0.999, 3, 0.01)),
            ("batch_size", "batch size", _int_spin(2, 4096)),
        ]))
        layout.addWidget(self._group("Data and networks (rebuild)", [
            ("dataset", "dataset", _combo(POINT_DATASETS + IMAGE_DATASETS)),
            ("width_g", "width G", _int_spin(2, 2048)),
            ("width_d", "width D", _int_spin(2, 2048)),
            ("depth_g", "depth G", _int_spin(1, 16)),
            ("depth_d", "depth D", _int_spin(1, 16)),
            ("noise_dim", "noise dim", _int_spin(1, 256)),
            ("seed", "seed", _int_spin(0, 2**31 - 1)),
            ("fixed_generator", "fixed generator", QCheckBox()),
        ]))
        layout.addWidget(self._group("Diagnostics", [
            ("probe_interval", "every (s)", _spin(0.02, 60.0, 2, 0.05)),
            ("grid_size", "grid size", _int_spin(16, 512)),
        ]))
        layout.addStretch(1)

    def editor(self, field: str) -> QWidget:
        """The widget that edits ``field`` (for tests and focus)."""
        return self._editors[field]

    def show_config(self, cfg: TrainConfig) -> None:
        """Show ``cfg``'s values and enable only the controls that matter for its objective."""
        for field, w in self._editors.items():
            with signals_blocked(w):
                _set_value(w, getattr(cfg, field))
        lipschitz = OBJECTIVES[cfg.objective].lipschitz
        self._editors["generator_loss"].setEnabled(OBJECTIVES[cfg.objective].family == "fgan")
        self._editors["clip"].setEnabled(lipschitz == "clip")
        self._editors["lambda_gp"].setEnabled(lipschitz == "penalty")
        self._editors["penalty"].setEnabled(lipschitz == "penalty")
        adam, sgd = cfg.optimizer == "adam", cfg.optimizer == "sgd"
        self._editors["beta1"].setEnabled(adam or sgd)
        self._editors["beta2"].setEnabled(adam)
        self._editors["depth_g"].setEnabled(not cfg.is_image and not cfg.fixed_generator)
        self._editors["depth_d"].setEnabled(not cfg.is_image)
        for field in ("lr_g", "noise_dim", "width_g"):  # a fixed generator has none of these
            self._editors[field].setEnabled(not cfg.fixed_generator)

    # ------------------------------------------------------------------ building
    def _group(self, title: str, rows: list) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        for field, label, w in rows:
            w.setToolTip(_TIPS.get(field, ""))
            form.addRow(label, w)
            self._editors[field] = w
            _connect(w, lambda value, f=field: self.changed.emit({f: value}))
        return box

    def _objective_box(self) -> QComboBox:
        box = QComboBox()
        for family, names in FAMILIES.items():
            box.addItem(f"— {FAMILY_TITLES[family]} —")
            box.model().item(box.count() - 1).setEnabled(False)  # a heading, not a choice
            for name in names:
                box.addItem(f"  {OBJECTIVES[name].long_name}", name)
        return box


def _spin(lo: float, hi: float, decimals: int, step: float) -> QDoubleSpinBox:
    w = QDoubleSpinBox()
    w.setRange(lo, hi)
    w.setDecimals(decimals)
    w.setSingleStep(step)
    w.setKeyboardTracking(False)
    return w


def _int_spin(lo: int, hi: int) -> QSpinBox:
    w = QSpinBox()
    w.setRange(lo, hi)
    w.setKeyboardTracking(False)
    return w


def _combo(items) -> QComboBox:
    w = QComboBox()
    for item in items:
        w.addItem(item, item)
    return w


def _connect(w: QWidget, emit) -> None:
    if isinstance(w, QComboBox):
        w.currentIndexChanged.connect(lambda _i: emit(w.currentData()))
    elif isinstance(w, QCheckBox):
        w.toggled.connect(emit)
    else:
        w.valueChanged.connect(emit)


def _set_value(w: QWidget, value) -> None:
    if isinstance(w, QComboBox):
        w.setCurrentIndex(w.findData(value))
    elif isinstance(w, QCheckBox):
        w.setChecked(bool(value))
    else:
        w.setValue(value)
