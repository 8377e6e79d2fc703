"""Fewer controls on a touch exhibit: what an explorer leaves out under ``ControlSet.TOUCH``.

A kiosk visitor has a minute, a finger and no manual. Each explorer names the controls a
visitor does without (fine tuning, the history, speeds that only matter in a lecture);
under the mode's touch control set they are hidden for good — not stepped aside by
fitting (:mod:`nnviz.scenes.kit.fit`), which would bring them back on a large screen —
and the controls that stay get the room, at the kiosk's touch size. Their values stay in
the settings, so the explorer behaves the same; a desktop or a lecture shows everything.
"""

from __future__ import annotations

from nnviz.ui.mode import ControlSet, Mode
from nnviz.ui.widget import Row, Widget
from nnviz.ui.widgets import InfoButton


def hide_for_touch(mode: Mode, *widgets: Widget) -> None:
    """Hide ``widgets`` when ``mode`` shows the touch control set. A control's row that is
    left with nothing but its ⓘ goes with it."""
    if mode.controls is not ControlSet.TOUCH:
        return
    for widget in widgets:
        widget.visible = False
        widget.disclosure_rank = 0  # type: ignore[attr-defined]  # never shown by fitting
        widget.left_out = True  # type: ignore[attr-defined]  # nor by a panel's sections
        parent = widget.parent
        if isinstance(parent, Row) and all(
            isinstance(child, InfoButton) for child in parent.visible_children()
        ):
            parent.visible = False
            parent.disclosure_rank = 0  # type: ignore[attr-defined]
            parent.left_out = True  # type: ignore[attr-defined]


def left_out(widget: Widget) -> bool:
    """Whether :func:`hide_for_touch` left ``widget`` out for good."""
    return bool(getattr(widget, "left_out", False))
