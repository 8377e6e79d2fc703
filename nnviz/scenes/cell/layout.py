"""Where the cell scene's cards go for one window size and theme."""

from __future__ import annotations

from dataclasses import dataclass

from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

CONTROL_WIDTH = 0.21
"""Fraction of the window width taken by the control column."""
CARDS = (
    ("cell", "Cell — click any part to explain it"),
    ("plot", "Data"),
    ("grads", "Gradient through time"),
    ("steps", "Compute steps"),
    ("readout", "Arithmetic"),
    ("strips", "Gate activity over time"),
)
"""The cell scene's cards (layout field, title), in drawing order."""
CELL_HEAD_ROOM = 2.0
"""Title room above the cell drawing, in heading sizes (less than other cards: the cell
is the picture the scene is about)."""


@dataclass(frozen=True)
class CellLayout:
    """Pixel rectangles of the scene's regions."""

    header: Rect
    cell: Rect
    plot: Rect
    grads: Rect
    steps: Rect
    readout: Rect
    strips: Rect
    controls: Rect

    @staticmethod
    def compute(width: float, height: float, theme: Theme) -> CellLayout:
        m = theme.spacing_px * 1.4
        header_h = theme.title_px * 1.8
        controls_w = max(width * CONTROL_WIDTH, theme.px(270))
        content_w = width - controls_w - 3 * m
        top = header_h
        split = top + (height - top) * 0.6
        bottom = height - m
        w_cell = content_w * 0.64
        w_side = content_w - w_cell - m
        side_mid = top + (split - top) * 0.55
        low_y, low_h = split + m, bottom - split - m
        w_steps, w_read = content_w * 0.27, content_w * 0.4
        w_strips = content_w - w_steps - w_read - 2 * m
        x_side = m + w_cell + m
        return CellLayout(
            header=Rect(0, 0, width, header_h),
            cell=Rect(m, top, w_cell, split - top),
            plot=Rect(x_side, top, w_side, side_mid - top - m / 2),
            grads=Rect(x_side, side_mid + m / 2, w_side, split - side_mid - m / 2),
            steps=Rect(m, low_y, w_steps, low_h),
            readout=Rect(2 * m + w_steps, low_y, w_read, low_h),
            strips=Rect(3 * m + w_steps + w_read, low_y, w_strips, low_h),
            controls=Rect(width - controls_w - m, m, controls_w, height - 2 * m),
        )
