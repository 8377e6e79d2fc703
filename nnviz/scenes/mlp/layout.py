"""Where the MLP explorer's cards go for one window size and theme.

Upper row: the network graph (the largest card: every weight is drawn), the decision
boundary with the points, the predictions and per-split metrics. Lower row: the loss
curves, the computation for the selected point and the settings card. The training
controls take the column at the right.
"""

from __future__ import annotations

from dataclasses import dataclass

from nnviz.scenes.kit.layout import ScreenFrame
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

CONTROL_WIDTH = 0.22
"""Fraction of the window width taken by the control column."""
CARDS = (
    ("network", "Network"),
    ("boundary", "Decision boundary"),
    ("predictions", "Predictions"),
    ("loss", "Loss"),
    ("computation", "Computation"),
)
"""The explorer's cards (layout field, title), in drawing order."""


@dataclass(frozen=True)
class MLPLayout:
    """Pixel rectangles of the scene's regions for one window size and theme."""

    header: Rect
    network: Rect
    boundary: Rect
    predictions: Rect
    loss: Rect
    computation: Rect
    settings: Rect
    controls: Rect

    @staticmethod
    def compute(width: float, height: float, theme: Theme, lower_min: float = 0.0) -> MLPLayout:
        """``lower_min``: the height the settings card needs (see :class:`ScreenFrame`)."""
        f = ScreenFrame.compute(width, height, theme, margin=1.6, control_share=CONTROL_WIDTH,
                                control_min=280, upper_share=0.58, lower_min=lower_min)  # fmt: skip
        m, content_w, top, split = f.margin, f.content_w, f.top, f.split
        upper_h = split - top
        w_plane = min(content_w * 0.31, upper_h + theme.heading_px * 2.2)
        w_net = content_w * 0.42
        # The predictions keep room for their title and ⓘ (large type); the network gives it.
        w_pred = max(content_w - w_net - w_plane - 2 * m,
                     theme.heading_px * 6.5 + theme.control_px + theme.padding_px * 2)
        w_net = content_w - w_plane - w_pred - 2 * m
        low_y, low_h = f.lower_row()
        w_loss = content_w * 0.22
        w_comp = content_w * 0.38
        return MLPLayout(
            header=f.header,
            network=Rect(m, top, w_net, upper_h),
            boundary=Rect(m * 2 + w_net, top, w_plane, upper_h),
            predictions=Rect(m * 3 + w_net + w_plane, top, w_pred, upper_h),
            loss=Rect(m, low_y, w_loss, low_h),
            computation=Rect(m * 2 + w_loss, low_y, w_comp, low_h),
            settings=Rect(m * 3 + w_loss + w_comp, low_y, content_w - w_loss - w_comp - 2 * m,
                          low_h),
            controls=f.controls,
        )
