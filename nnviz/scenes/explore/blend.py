"""The picture mid-flight between the explorer's two levels.

The overview fades under a veil, the cell level's cards fade in, and on top the camera
dives into the layer glyph with the cell drawn inside it (its level of detail growing
with the glyph's size on screen). Everything is drawn with the two levels' own draw
lists; only the veils and the cell inside the glyph need lists of their own.
"""

from __future__ import annotations

from nnviz.anim.easing import smoothstep
from nnviz.anim.zoom import View
from nnviz.render.color import with_alpha
from nnviz.render.renderer import LayerTransform
from nnviz.scenes.base import Layers, SceneServices
from nnviz.scenes.cell import CellScene
from nnviz.scenes.overview import OverviewScene

BLEND_LISTS = ("veil", "cover", "cell", "cell_top")
"""The blend's own draw lists: the two veils and the cell inside the glyph."""
Placement = tuple[tuple[float, float], float]
"""Offset and scale that put the cell's own space inside a glyph of the overview's world."""


def view_transform(view: View, size: tuple[int, int]) -> LayerTransform:
    """The layer transform that draws a world as ``view`` sees it, clipped to its viewport."""
    x, y, w, h = view.viewport
    px = x + w / 2 - view.center[0] * view.zoom
    py = y + h / 2 - view.center[1] * view.zoom
    screen = LayerTransform.screen(*size)
    placed = screen.then_local((px, py), view.zoom)
    return placed.clipped(x, y, w, h)


class LevelBlend:
    """Draws the flight between the overview and the cell level."""

    def __init__(self, services: SceneServices, overview: OverviewScene, cell: CellScene) -> None:
        self.services = services
        self.overview = overview
        self.cell = cell
        self.lists = {name: services.renderer.new_draw_list() for name in BLEND_LISTS}

    def layers(self, overview: Layers, view: View, lod: float, cellness: float,
               placement: Placement) -> Layers:  # fmt: skip
        """The overview's ``overview`` layers fading out as ``cellness`` goes to 1, the cell
        level's cards fading in, and the camera's ``view`` of the diagram with the cell
        inside the glyph at ``placement`` shown to level of detail ``lod``."""
        w, h = self.services.size
        c = cellness
        screen = LayerTransform.screen(w, h)
        theme = self.overview.theme
        veil, cover, cell_dl, cell_top = (self.lists[k] for k in BLEND_LISTS)
        for dl in self.lists.values():
            dl.clear()
        veil_alpha = smoothstep(min(c / 0.45, 1.0))
        diagram = {self.overview.lists["world"], self.overview.lists["world_top"]}
        # Everything of the overview except its diagram (redrawn below with this camera),
        # unless the veil hides it completely: then drawing it would be wasted.
        out = []
        if veil_alpha < 1.0:
            out = [layer for layer in overview if layer[0] not in diagram]
        if c > 0.0:
            # Veils are panels: their plain fill pass is the cheapest way to cover a screen.
            veil.panel(0, 0, w, h, with_alpha(theme.background, veil_alpha))
            out.append((veil, screen))
            fade_in = smoothstep(min(max((c - 0.55) / 0.45, 0.0), 1.0))
            if fade_in > 0.0:
                cell_layers = self.cell.layers()
                keep = {id(self.cell.lists[k]) for k in ("cards", "content", "ui")}
                out += [layer for layer in cell_layers if id(layer[0]) in keep]
                if fade_in < 1.0:
                    cover.panel(0, 0, w, h, with_alpha(theme.background, 1.0 - fade_in))
                    out.append((cover, screen))
        world = view_transform(view, (w, h))
        out.append((self.overview.lists["world"], world))
        out.append((self.overview.lists["world_top"], world))
        if lod > 0.0:
            offset, scale = placement
            inner = world.then_local(offset, scale)
            x0, y0, x1, y1 = self.cell.view.bounds()
            pad = 0.02 * (x1 - x0)
            cell_dl.panel(x0 - pad, y0 - pad, x1 + pad, y1 + pad,
                          with_alpha(self.cell.theme.panel, lod), radius=pad)  # fmt: skip
            self.cell.view.draw(
                cell_dl, cell_top, self.cell.theme, self.cell.player.state(), alpha=lod
            )
            out.append((cell_dl, inner))
            out.append((cell_top, inner))
        return out
