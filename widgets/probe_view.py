"""The common start of every view that draws a probe: skip a probe that is already drawn."""
from __future__ import annotations


class ProbeView:
    """Mixin: ``show_snapshot`` hands a new probe to the view's ``show_probe``."""

    _last_probe = None

    def show_snapshot(self, snap) -> None:
        """Draw the snapshot's probe (skipped when it is the probe already shown)."""
        probe = snap.probe
        if probe is None or probe is self._last_probe:
            return
        self.show_probe(probe)
