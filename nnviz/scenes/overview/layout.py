"""Where the overview's cards go for one window size and theme."""

from __future__ import annotations

from dataclasses import dataclass

from nnviz.scenes.kit.layout import ScreenFrame
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

CONTROL_WIDTH = 0.22
"""Fraction of the window width taken by the control column."""
CARDS = (
    ("input", "Input"),
    ("network", "Network"),
    ("predictions", "Predictions"),
    ("process", "Process"),
    ("loss", "Loss"),
)
"""The overview's cards (layout field, title), in drawing order."""


@dataclass(frozen=True)
class OverviewLayout:
    """Pixel rectangles of the scene's regions for one window size and theme."""

    header: Rect
    input: Rect
    network: Rect
    predictions: Rect
    process: Rect
    loss: Rect
    settings: Rect
    controls: Rect

    @staticmethod
    def compute(
        width: float, height: float, theme: Theme, lower_min: float = 0.0
    ) -> OverviewLayout:
        """``lower_min``: the height the settings card needs (see :class:`ScreenFrame`)."""
        f = ScreenFrame.compute(width, height, theme, margin=1.6, control_share=CONTROL_WIDTH,
                                control_min=280, upper_share=0.52, lower_min=lower_min)  # fmt: skip
        m, content_w, top, split = f.margin, f.content_w, f.top, f.split
        x0 = m
        # The input card keeps room for its title and ⓘ (large type on a small window).
        w_in = max(content_w * 0.15, theme.heading_px * 2.8 + theme.control_px + 2 * m)
        w_net = content_w * 0.65 - w_in
        w_pred = content_w - w_in - w_net - 2 * m
        w_proc = content_w * 0.22
        w_loss = content_w * 0.25
        w_set = content_w - w_proc - w_loss - 2 * m
        low_y, low_h = f.lower_row()
        return OverviewLayout(
            header=f.header,
            input=Rect(x0, top, w_in, split - top),
            network=Rect(x0 + w_in + m, top, w_net, split - top),
            predictions=Rect(x0 + w_in + w_net + 2 * m, top, w_pred, split - top),
            process=Rect(x0, low_y, w_proc, low_h),
            loss=Rect(x0 + w_proc + m, low_y, w_loss, low_h),
            settings=Rect(x0 + w_proc + w_loss + 2 * m, low_y, w_set, low_h),
            controls=f.controls,
        )
