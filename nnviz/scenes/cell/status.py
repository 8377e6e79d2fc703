"""The cell scene's title bar: which epoch, time step, layer and unit the cell shows."""

from __future__ import annotations

from nnviz.render.drawlist import DrawList
from nnviz.scenes.cell.steps import CellPlayerState
from nnviz.scenes.kit.header import draw_status_line, draw_title
from nnviz.scenes.kit.text import fitted_paragraph
from nnviz.sim import Snapshot
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

TRAPPED = (
    "Each new epoch restarts the animation at t = 0 before it reaches the end, so it never "
    "gets far. Turn off “New trace restarts at t = 0” (then the newest epoch comes in at "
    "the next time step), slow training down, or hold this step."
)
"""What the cell says when the restart choice keeps it at the first time steps."""


def draw_header(dl: DrawList, t: Theme, y: float, snap: Snapshot, state: CellPlayerState,
                right: float | None = None) -> None:  # fmt: skip
    """The title and as many facts as fit left of ``right`` (the control column)."""
    x = draw_title(dl, t, y, "LSTM cell", t.roles.cell_level)
    parts = [f"Epoch {snap.epoch}"]
    seq, step = state.sequence, state.step
    if seq is not None and step is not None:
        if seq.epoch is not None and seq.epoch != snap.epoch:
            parts.append(f"showing epoch {seq.epoch}")
        parts.append(f"time step t = {step.t} of {seq.T - 1}")
        parts.append(f"layer {seq.layer + 1}, unit {seq.unit}")
        if state.holding:
            parts.append("holding")
    elif snap.status == "compiling":
        parts.append(f"preparing {snap.progress:.0%}")
    draw_status_line(dl, t, x, y, parts, right)


def draw_trapped(dl: DrawList, t: Theme, view: Rect) -> None:
    """:data:`TRAPPED` on a card along the bottom of the cell's view."""
    pad = t.padding_px
    box = Rect(view.x + pad, view.bottom - pad - t.label_px * 4.2, view.w - 2 * pad,
               t.label_px * 4.2)  # fmt: skip
    frame = box.inset(-pad * 0.5)
    dl.rect(frame.x, frame.y, frame.right, frame.bottom, t.panel, stroke=t.roles.cell_level,
            stroke_width=t.stroke_px, radius=t.radius_px)  # fmt: skip
    fitted_paragraph(dl, t, TRAPPED, box, t.text)
