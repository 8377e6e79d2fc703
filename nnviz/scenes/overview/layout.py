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
COMPACT_EM = 48.0
"""Below this many of the theme's smallest ems of content width (the projector theme at any
16:9 or 4:3 size; a desktop theme at 1024×768 or 1280×1024) the overview is *compact*: the
Input and Process cards step aside and their room goes to the network, the loss and the
settings, whose type would otherwise have to shrink or elide (at 1024×768 the network
card of the full layout was 291 px wide, too narrow for a one-layer network at the type
floor: its output ŷ was panned off the card). What they showed stays on
screen elsewhere: the input is a curve of the Predictions card, the phase is animated on
the network and named in the Predictions card's highlight."""
STAND_IN = {"input": "predictions", "process": "network"}
"""Where a card's content is seen while the compact layout leaves the card out (a
lesson's spotlight on the card lands there)."""
NOWHERE = Rect(0.0, 0.0, 0.0, 0.0)


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

    def shown(self, key: str) -> bool:
        """Whether card ``key`` is on screen (the compact layout leaves some out)."""
        r: Rect = getattr(self, key)
        return r.w > 0.0 and r.h > 0.0

    def target(self, key: str) -> Rect | None:
        """The rectangle of region ``key``, or of the card showing its content when the
        compact layout leaves it out; None for a name that is no region."""
        r: Rect | None = getattr(self, key, None)
        if r is not None and key in STAND_IN and not self.shown(key):
            r = getattr(self, STAND_IN[key])
        return r

    @staticmethod
    def compute(
        width: float, height: float, theme: Theme, lower_min: float = 0.0,
        keep_input: bool = False,
    ) -> OverviewLayout:  # fmt: skip
        """``lower_min``: the height the settings card needs (see :class:`ScreenFrame`);
        ``keep_input``: the Input card stays even when compact (it is the canvas of the
        drawn data set)."""
        f = ScreenFrame.compute(width, height, theme, margin=1.6, control_share=CONTROL_WIDTH,
                                control_min=280, upper_share=0.52, lower_min=lower_min)  # fmt: skip
        if f.content_w < COMPACT_EM * theme.small_px:
            return OverviewLayout._compact(f, keep_input)
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

    @staticmethod
    def _compact(f: ScreenFrame, keep_input: bool) -> OverviewLayout:
        """Network and Predictions above (the Input card only when it is a canvas), Loss and
        Settings below; Process steps aside (see :data:`COMPACT_EM`)."""
        m, content_w, top, split = f.margin, f.content_w, f.top, f.split
        x0 = m
        w_in = content_w * 0.2 if keep_input else 0.0
        w_pred = content_w * 0.38
        w_net = content_w - w_pred - w_in - (2 if keep_input else 1) * m
        x_net = x0 + (w_in + m if keep_input else 0.0)
        w_loss = content_w * 0.4
        low_y, low_h = f.lower_row()
        return OverviewLayout(
            header=f.header,
            input=Rect(x0, top, w_in, split - top) if keep_input else NOWHERE,
            network=Rect(x_net, top, w_net, split - top),
            predictions=Rect(x_net + w_net + m, top, w_pred, split - top),
            process=NOWHERE,
            loss=Rect(x0, low_y, w_loss, low_h),
            settings=Rect(x0 + w_loss + m, low_y, content_w - w_loss - m, low_h),
            controls=f.controls,
        )
