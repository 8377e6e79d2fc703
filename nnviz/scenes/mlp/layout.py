"""Where the MLP explorer's cards go for one window size and theme.

Upper row: the network graph (the largest card: every weight is drawn), the decision
boundary with the points, the predictions and per-split metrics. Lower row: the loss
curves, the computation for the selected point and the settings card. The training
controls take the column at the right.

On a content area narrower than :data:`COMPACT_EM` ems the layout is *compact*: two cards
a row, and the Loss, Predictions and Computation cards take turns in one slot (below
:data:`NARROW_EM` the Settings card too, the slot then spanning the lower row).
"""

from __future__ import annotations

from dataclasses import dataclass

from nnviz.scenes.kit.card import HEADING_ROOM
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
SHORT_TITLES = {"boundary": "Boundary"}
"""What a card is called where its whole title does not fit (large type, a small window)."""
COMPACT_EM = 52.0
"""Below this many of the theme's smallest ems of content width (the projector theme at
every size, the desktop themes at 1024×768; no desktop size from 1280×720 up) the layout
is *compact*. Five cards side by side would then squeeze the network to a sliver and cut
every title, so the network and the decision boundary keep the upper row, the settings
card half the lower row, and the cards of :data:`SHARED` take turns in the other half
(a menu in its title row picks one; a lesson's spotlight or a key for one brings it)."""
SHARED = ("loss", "predictions", "computation")
"""The cards that share one slot in the compact layout, in the order of its menu."""
NARROW_EM = 30.0
"""Below this many ems of content width (the projector theme at 4:3, 1024×768 included)
half the lower row is too narrow for the settings' tabs or the computation's title row
(about 15 ems each): the settings card takes its turn in the shared slot too, and the
slot spans the lower row. The network then stays the largest card that is always
shown."""
SQUARE_SHARE = 0.45
"""The most of the compact content width the decision boundary takes (a square plane
when the row is tall enough; the network keeps the rest, never less than any card)."""
BOUNDARY_TITLE_EM = 9.5
"""About the width of "Decision boundary" in bold ems of the label type: the compact
layout widens the plane's card for its whole title (and ⓘ) where the row has room."""
NOWHERE = Rect(0.0, 0.0, 0.0, 0.0)


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
    shared: tuple[str, ...] = ()
    """The cards taking turns in one slot (compact layout), else none."""
    slot: Rect = NOWHERE
    """The shared slot (compact layout), else nowhere."""

    def shown(self, key: str) -> bool:
        """Whether card ``key`` is on screen (the compact layout shows one of its shared
        cards at a time)."""
        r: Rect = getattr(self, key)
        return r.w > 0.0 and r.h > 0.0

    @property
    def front(self) -> str | None:
        """The shared card now shown in the compact layout's shared slot, else None."""
        return next((key for key in self.shared if self.shown(key)), None)

    @staticmethod
    def compute(width: float, height: float, theme: Theme, lower_min: float = 0.0,
                front: str = SHARED[0]) -> MLPLayout:  # fmt: skip
        """``lower_min``: the height the settings card needs (see :class:`ScreenFrame`);
        ``front``: the card of :data:`SHARED` that the compact layout shows."""
        f = ScreenFrame.compute(width, height, theme, margin=1.6, control_share=CONTROL_WIDTH,
                                control_min=280, upper_share=0.58, lower_min=lower_min)  # fmt: skip
        ems = f.content_w / theme.small_px
        if ems < COMPACT_EM:
            return MLPLayout._compact(f, theme, front, narrow=ems < NARROW_EM)
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

    @staticmethod
    def _compact(f: ScreenFrame, theme: Theme, front: str, narrow: bool) -> MLPLayout:
        """Network and decision boundary above, the shared slot and the settings below
        (see :data:`COMPACT_EM`; ``narrow``: see :data:`NARROW_EM`)."""
        m, content_w, top, split = f.margin, f.content_w, f.top, f.split
        upper_h = split - top
        # The plane's drawing area square: its width less the padding equals its height
        # below the title.
        square = upper_h - theme.heading_px * HEADING_ROOM + theme.padding_px
        titled = theme.label_px * BOUNDARY_TITLE_EM + theme.control_px + theme.padding_px * 2
        w_plane = min(max(square, titled), content_w * SQUARE_SHARE)
        w_net = content_w - w_plane - m
        low_y, low_h = f.lower_row()
        shared = (*SHARED, "settings") if narrow else SHARED
        w_slot = content_w if narrow else (content_w - m) / 2
        slot = Rect(m, low_y, w_slot, low_h)
        front = front if front in shared else shared[0]
        cards = {key: slot if key == front else NOWHERE for key in shared}
        if not narrow:
            cards["settings"] = Rect(m * 2 + w_slot, low_y, content_w - w_slot - m, low_h)
        return MLPLayout(
            header=f.header,
            network=Rect(m, top, w_net, upper_h),
            boundary=Rect(m * 2 + w_net, top, w_plane, upper_h),
            controls=f.controls,
            shared=shared,
            slot=slot,
            **cards,
        )
