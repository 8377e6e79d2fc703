"""The explorer: the network overview and the LSTM cell, joined by one camera move.

Both levels watch the same training session. A tap on the selected layer (or I) dives
the camera into that layer's glyph in about a second; past a zoom threshold the cell's
inner structure fades in, so a person sees that the cell *is* the layer looked at
closely. Esc or a tap beside the cell flies back out the same way. Tab only ever moves
the keyboard focus between controls. The
overview's level colour is blue, the cell's vermillion (a colour-blind-safe pair).

The move runs on the animation clock's dt, except while the animation is paused: then
on the frame's dt, so navigation never freezes.
"""

from __future__ import annotations

from dataclasses import replace

from nnviz.anim.easing import smoothstep
from nnviz.anim.zoom import View, ZoomTransition
from nnviz.scenes.base import EVERY_FRAME, FrameInfo, Layers, Scene, SceneServices, earliest
from nnviz.scenes.cell import CellScene
from nnviz.scenes.cell.layout import TARGETS as CELL_TARGETS
from nnviz.scenes.explore.blend import LevelBlend
from nnviz.scenes.kit.settings import Settings, connect
from nnviz.scenes.kit.training_scene import new_session
from nnviz.scenes.overview import OverviewScene
from nnviz.scenes.overview.network_view import GLYPH
from nnviz.ui import events as ev
from nnviz.ui.theme import Theme

CELL_FILL = 0.84
"""Share of a layer glyph's width that the cell drawing takes inside it."""
LOD_START_PX = 240.0
LOD_FULL_PX = 520.0
"""A glyph this wide on screen (UI units: pixels at 720p, scaled with the window, so the
overview's legible zoom on a large screen does not open the cell) starts / finishes
showing the cell inside it."""
CELL_NODES = {"forget": "f", "input_gate": "i", "candidate": "g", "output": "o", "cell_state": "c"}
"""Lesson targets inside the cell → the cell drawing's node names."""
CELL_CARDS = frozenset(CELL_TARGETS) - {"controls"}
"""Lesson targets that are cards of the cell level (the overview has controls of its own)."""


class ExploreScene(Scene):
    """Overview and cell view of one live network, with the zoom between them."""

    name = "overview"
    title = "Network overview"

    def __init__(self, services: SceneServices) -> None:
        super().__init__(services)
        self.session = new_session(services)
        # Both levels show and change one settings model, bound once to the session.
        self.link = connect(self.session, services.anim_clock, services.theme.name)
        # Each level lays out with its own copy of the services (themes are rescaled per
        # level to fit), sharing the renderer, the clocks and the options.
        self.overview = OverviewScene(replace(services), self.session, self.link)
        self.cell = CellScene(replace(services), self.session, self.link)
        self.cell.drives_session = False  # the overview advances the shared session
        self.overview.on_zoom = self.zoom_in
        self.cell.on_leave = self.zoom_out
        self.level = "overview"
        self.transition: ZoomTransition | None = None
        self._zoom_layer = 0
        self._return_view: View | None = None
        self.blend = LevelBlend(services, self.overview, self.cell)

    @property
    def settings(self) -> Settings:
        """The settings model both levels show and change."""
        return self.link.settings

    # -- levels --------------------------------------------------------------------------
    @property
    def zooming(self) -> bool:
        return self.transition is not None

    def _glyph_placement(self, index: int) -> tuple[tuple[float, float], float]:
        """Offset and scale that put the cell's own space inside glyph ``index``."""
        live = self.overview.network.live()
        gx = live[min(index, len(live) - 1)].x if live else 0.0
        x0, y0, x1, y1 = self.cell.view.bounds()
        scale = GLYPH * CELL_FILL / (x1 - x0)
        return (gx - scale * (x0 + x1) / 2, -scale * (y0 + y1) / 2), scale

    def _overview_view(self) -> View:
        ox, oy = self.overview.network_card.origin
        vw, vh = self.overview.camera.viewport
        return View((ox, oy, vw, vh), self.overview.camera.center, self.overview.camera.zoom)

    def _cell_view_in_world(self) -> View:
        """The cell level's camera expressed in the overview's world (through the glyph)."""
        (ox, oy), scale = self._glyph_placement(self._zoom_layer)
        r = self.cell.cell_card.view
        cx, cy = self.cell.camera.center
        center = (ox + scale * cx, oy + scale * cy)
        return View((r.x, r.y, r.w, r.h), center, self.cell.camera.zoom / scale)

    def zoom_in(self, index: int) -> None:
        """Dive into layer ``index``."""
        if self.zooming or self.level != "overview":
            return
        self._zoom_layer = index
        self.overview.network.selected = index
        self.cell.show_layer(index)
        self.cell.frame_cell(animate=False)
        self._return_view = self._overview_view()
        self.transition = ZoomTransition(self._return_view, self._cell_view_in_world())
        self.level = "in"
        self.overview.ui.pointer_left()

    def zoom_out(self) -> None:
        """Fly back out to the whole network."""
        if self.zooming or self.level != "cell":
            return
        start = self._cell_view_in_world()
        end = self._return_view or self._overview_view()
        self.transition = ZoomTransition(start, end)
        self.level = "out"
        self.cell.ui.pointer_left()

    # -- scene interface -------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        super().set_theme(theme)
        self.overview.set_theme(theme)
        self.cell.set_theme(theme)

    def resize(self, width: int, height: int) -> None:
        super().resize(width, height)
        self.overview.resize(width, height)
        self.cell.resize(width, height)

    def _active(self) -> Scene:
        return self.cell if self.level == "cell" else self.overview

    def handle(self, event: ev.Event) -> bool:
        if self.zooming:
            # Mid-flight, pointers and keys wait; the app's own keys (F2, F3, F11) go on.
            return not (isinstance(event, ev.KeyDown) and event.key.startswith("f"))
        return self._active().handle(event)

    def update(self, frame: FrameInfo) -> None:
        self.overview.update(frame)
        self.cell.update(frame)
        if self.transition is not None:
            dt = frame.anim_dt if frame.anim_dt > 0 else frame.dt
            self.transition.update(dt)
            if self.transition.done:
                self._finish_transition()
        self._update_label_fade()

    def _finish_transition(self) -> None:
        assert self.transition is not None
        if self.level == "out":
            end = self.transition.end
            self.overview.camera.look_at(end.center, end.zoom)
            self.level = "overview"
        else:
            self.level = "cell"
        self.transition = None

    def _cellness(self) -> float:
        """0 at the overview, 1 at the cell level, eased in between."""
        if self.transition is None:
            return 1.0 if self.level == "cell" else 0.0
        e = self.transition.progress
        return e if self.level == "in" else 1.0 - e

    def _current_view(self) -> View:
        if self.transition is not None:
            return self.transition.view()
        return self._overview_view()

    def _lod(self, view: View) -> float:
        """How much of the cell inside the glyph shows at this zoom (0..1)."""
        width = GLYPH * view.zoom / self.theme.scale
        return smoothstep(min(max((width - LOD_START_PX) / (LOD_FULL_PX - LOD_START_PX), 0), 1))

    def _update_label_fade(self) -> None:
        view = self._current_view()
        lod = self._lod(view)
        self.overview.label_fade = {self._zoom_layer: 1.0 - lod} if lod > 0 else {}

    def is_animating(self) -> bool:
        return self.zooming or self._active().is_animating()

    def next_frame_due(self) -> float | None:
        """The level on screen decides; the cell's too while it shows inside its glyph."""
        if self.zooming:
            return EVERY_FRAME
        due = self._active().next_frame_due()
        if self.level == "overview" and self.overview.label_fade:
            due = earliest(due, self.cell.next_frame_due())
        return due

    def steps_total(self) -> int:
        return self.overview.steps_total()

    def train_flat_out(self) -> bool:
        return self.overview.train_flat_out()

    def close(self) -> None:
        self.overview.close()
        self.cell.close()
        self.session.close()  # shared by both levels: closed once, here

    # -- drawing ---------------------------------------------------------------------------
    def layers(self) -> Layers:
        if self.level == "cell" and self.transition is None:
            return self.cell.layers()
        overview = self.overview.layers()
        view = self._current_view()
        lod = self._lod(view)
        if self.level == "overview" and lod <= 0.0:
            return overview
        placement = self._glyph_placement(self._zoom_layer)
        return self.blend.layers(overview, view, lod, self._cellness(), placement)

    # -- lesson targets (names listed in the registry) -------------------------------------
    def _land(self) -> None:
        """End a camera move at once, so a lesson's next move starts from a still view."""
        if self.transition is not None:
            self.transition.update(1e9)
            self._finish_transition()

    def focus(self, target: str) -> None:
        self._land()
        inside = target == "cell" or target in CELL_NODES or target in CELL_CARDS
        if target.startswith("layer:") or inside:
            index = int(target.split(":")[1]) if target.startswith("layer:") else 0
            # max(0, …): a network not drawn yet (just opened) has no glyphs; it has layer 0.
            index = max(0, min(index, len(self.overview.network.live()) - 1))
            if self.level == "cell" and index != self._zoom_layer:
                self.zoom_out()
                self._land()
            self.zoom_in(index)
            if target in CELL_CARDS:  # on screen even where it waits its turn in a slot
                self.cell.show_card(CELL_TARGETS[target])
        else:
            self.zoom_out()

    def shown_rect(self, target: str) -> tuple[float, float, float, float] | None:
        """As :meth:`target_rect`, but a card of the cell level waiting its turn in the
        slot stays waiting (None): the presenter's tools ask which card is under the
        pointer."""
        if self.level == "cell" and not self.zooming and target in CELL_TARGETS:
            return self.cell.shown_rect(target)
        return self.target_rect(target)

    def target_rect(self, target: str) -> tuple[float, float, float, float] | None:
        if self.zooming:
            return None
        if self.level == "cell":
            node = CELL_NODES.get(target)
            if node is not None and node in self.cell.view.nodes:
                n = self.cell.view.nodes[node]
                sx, sy = self.cell.cell_card.to_screen(n.x, n.y)
                r = self.cell.camera.world_to_screen_length(n.r) * 1.35
                return (sx - r, sy - r, 2 * r, 2 * r)
            # A card of the cell level (its slot shows it), else the cell card.
            shown = self.cell.target_rect(target)
            return shown if shown is not None else self.cell.target_rect("cell")
        if target.startswith("layer:"):
            live = self.overview.network.live()
            glyph = live[min(int(target.split(":")[1]), len(live) - 1)]
            sx, sy = self.overview.network_card.to_screen(glyph.x, 0.0)
            half = self.overview.camera.world_to_screen_length(GLYPH) * 0.6
            return (sx - half, sy - half, 2 * half, 2 * half)
        rect = self.overview.layout.target(target)
        return (rect.x, rect.y, rect.w, rect.h) if rect is not None else None
