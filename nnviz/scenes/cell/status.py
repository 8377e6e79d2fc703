"""The cell scene's title bar: which epoch, time step, layer and unit the cell shows."""

from __future__ import annotations

from nnviz.render.drawlist import DrawList
from nnviz.scenes.cell.steps import CellPlayerState
from nnviz.scenes.kit.header import draw_status_line, draw_title
from nnviz.sim import Snapshot
from nnviz.ui.theme import Theme


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
