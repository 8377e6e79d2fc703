"""Tooltips for the network diagram's + and × discs.

The discs are drawn in the diagram's world, not widgets, so the UI manager's tooltips
never reached them: a mouse resting on a + learnt nothing of what it does. This gives
them the same hint, after the same rest, in the same box (never for touch: a finger
has no hover, and the diagram's ⓘ says what the discs do).
"""

from __future__ import annotations

from dataclasses import dataclass

from nnviz.render.drawlist import DrawList
from nnviz.scenes.kit.card import Card
from nnviz.scenes.overview.network_view import ADD_Y, Hit, NetworkView
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect, UIContext
from nnviz.ui.widgets import TOOLTIP_DELAY, Tooltip

HINTS = {"add": "Add a layer here", "remove": "Remove this layer"}


@dataclass
class DiscHints:
    """How long the mouse has rested on one disc, and its tooltip once it has."""

    resting: float = 0.0
    _on: Hit | None = None

    def update(self, hover: Hit | None, dt: float) -> None:
        """Count the rest on the disc under the mouse (a new disc starts again)."""
        disc = hover if hover is not None and hover.kind in HINTS else None
        self.resting = self.resting + dt if disc is not None and disc == self._on else 0.0
        self._on = disc

    @property
    def pending(self) -> bool:
        """A hint is on its way: the loop must keep drawing until it shows."""
        return self._on is not None and self.resting < TOOLTIP_DELAY

    def draw(self, dl: DrawList, theme: Theme, ctx: UIContext, card: Card,
             network: NetworkView) -> None:  # fmt: skip
        """The hint of the disc rested on, beside it (above: below lies the layer's name)."""
        hit = self._on
        if hit is None or self.resting < TOOLTIP_DELAY or card.camera is None:
            return
        live = network.live()
        if hit.kind == "add":
            centre = next(((x, ADD_Y) for i, x in network.add_positions() if i == hit.index),
                          None)  # fmt: skip
        else:
            centre = network.remove_position(live[hit.index]) if hit.index < len(live) else None
        if centre is None:  # the disc went away under the mouse (a layer removed)
            return
        sx, sy = card.to_screen(*centre)
        r = network.button_r * card.camera.zoom
        tip = Tooltip(HINTS[hit.kind])
        tip.place(ctx, Rect(sx - r, sy - r, 2 * r, 2 * r), above=True)
        tip.draw(dl, theme, ctx)
