"""Status-bar readouts: text set only on a change, width that only grows (no re-layout of the
bar, and with it the window, for every digit that ticks over)."""
from widgets.status_text import StatusText


def test_width_only_grows_and_same_text_is_not_set_again(qtbot, monkeypatch):
    label = StatusText()
    qtbot.addWidget(label)
    label.show_text("step 99999 · critic steps 499995")
    wide = label.minimumWidth()
    assert wide >= label.sizeHint().width()
    label.show_text("step 1")
    assert label.text() == "step 1" and label.minimumWidth() == wide
    calls = []
    monkeypatch.setattr(label, "setText", lambda text: calls.append(text))
    label.show_text("step 1")
    assert calls == []
