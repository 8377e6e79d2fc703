"""Where the cell scene's cards go for one window size and theme."""

from __future__ import annotations

from dataclasses import dataclass

from nnviz.scenes.kit.layout import ScreenFrame
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
    ("strips", "Gates over time"),
)
"""The cell scene's cards (layout field, title), in drawing order."""
SHORT_TITLES = {"grads": "Gradient", "steps": "Steps", "strips": "Gates"}
"""What a card is called where its whole title does not fit (large type, a small window)."""
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
        f = ScreenFrame.compute(width, height, theme, margin=1.4, control_share=CONTROL_WIDTH,
                                control_min=270, upper_share=0.6)  # fmt: skip
        m, content_w, top, split = f.margin, f.content_w, f.top, f.split
        w_cell = content_w * 0.64
        w_side = content_w - w_cell - m
        side_mid = top + (split - top) * 0.55
        low_y, low_h = f.lower_row()
        w_steps, w_read = content_w * 0.27, content_w * 0.4
        w_strips = content_w - w_steps - w_read - 2 * m
        x_side = m + w_cell + m
        return CellLayout(
            header=f.header,
            cell=Rect(m, top, w_cell, split - top),
            plot=Rect(x_side, top, w_side, side_mid - top - m / 2),
            grads=Rect(x_side, side_mid + m / 2, w_side, split - side_mid - m / 2),
            steps=Rect(m, low_y, w_steps, low_h),
            readout=Rect(2 * m + w_steps, low_y, w_read, low_h),
            strips=Rect(3 * m + w_steps + w_read, low_y, w_strips, low_h),
            controls=f.controls,
        )
