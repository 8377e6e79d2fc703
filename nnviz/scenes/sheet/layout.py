"""Where the sheet scene's cards go for one window size and theme."""

from __future__ import annotations

from dataclasses import dataclass

from nnviz.scenes.kit.card import HEADING_ROOM
from nnviz.scenes.kit.layout import ScreenFrame
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

CARDS = (
    ("arithmetic", "Arithmetic"),
    ("picture", "The cell over time"),
    ("activation", "Activation and loss"),
)
"""The cards below the grid (layout field, title)."""
UPPER_SHARE = 0.6
"""The grid card's share of the height below the title bar..."""
UPPER_MOST = 0.68
"""...which it may grow to when its type is large and the sheet would not fit otherwise:
the cards below show less rather than the sheet losing a row."""


@dataclass(frozen=True)
class SheetLayout:
    """Pixel rectangles of the scene's regions."""

    header: Rect
    grid: Rect
    arithmetic: Rect
    picture: Rect
    activation: Rect
    controls: Rect

    @staticmethod
    def compute(width: float, height: float, theme: Theme,
                grid_view_h: float = 0.0) -> SheetLayout:  # fmt: skip
        """The regions for a window and theme; ``grid_view_h``: the pixels the grid
        card's view below its title would need to show the whole sheet."""
        share = UPPER_SHARE
        if grid_view_h > 0:
            top = theme.title_px * 1.8  # the title bar, as ScreenFrame lays it out
            wanted = (grid_view_h + theme.heading_px * HEADING_ROOM) / max(height - top, 1.0)
            share = min(max(share, wanted), UPPER_MOST)
        f = ScreenFrame.compute(width, height, theme, margin=1.4, control_share=0.24,
                                control_min=300, upper_share=share)  # fmt: skip
        m, w = f.margin, f.content_w
        low_y, low_h = f.lower_row()
        w_arith, w_pic = w * 0.42, w * 0.3
        w_act = w - w_arith - w_pic - 2 * m
        return SheetLayout(
            header=f.header,
            grid=Rect(m, f.top, w, f.split - f.top),
            arithmetic=Rect(m, low_y, w_arith, low_h),
            picture=Rect(2 * m + w_arith, low_y, w_pic, low_h),
            activation=Rect(3 * m + w_arith + w_pic, low_y, w_act, low_h),
            controls=f.controls,
        )
