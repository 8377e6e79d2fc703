"""The demo scene: every primitive and widget, and both clocks at work side by side.

Left, a zoomable canvas (mouse wheel or pinch; drag to pan; Home frames it) with
circles, rings, arcs, rounded rectangles, flowing dashed lines and Béziers,
arrowheads, text with Greek and mathematical symbols, and a blue↔vermillion
scale. Dashes flow on the *animation* clock; a counter and a pulse tick on the
*simulation* clock. Right, the controls for both clocks and a sample of every
widget. Pausing one clock leaves the other running: the point of the scene.
"""

from __future__ import annotations

from dataclasses import dataclass

from nnviz.render.camera import Camera2D
from nnviz.render.drawlist import DrawList
from nnviz.render.renderer import LayerTransform
from nnviz.scenes.base import EVERY_FRAME, FrameInfo, Layers, Scene, SceneServices
from nnviz.scenes.demo.canvas import WAVES, WORLD, draw_backdrop, draw_showcase
from nnviz.scenes.kit.card import Card, route_event
from nnviz.scenes.kit.controls import ANIMATION_SPEED, ChoiceSpec
from nnviz.scenes.kit.header import fitted_parts
from nnviz.scenes.kit.observable import Observable, ObservableGroup
from nnviz.scenes.kit.world_text import min_world_size
from nnviz.ui import events as ev
from nnviz.ui.manager import UIManager
from nnviz.ui.theme import THEMES, Theme
from nnviz.ui.widget import Column, Panel, Rect, Row
from nnviz.ui.widgets import Button, Dropdown, IconButton, InfoButton, Label, Slider, Toggle

PANEL_WIDTH = 330.0
"""Width of the control column in UI units."""
HOME_PADDING = 24.0
"""Margin around the canvas when it is framed, in UI units."""
THEME = ChoiceSpec("theme", tuple(THEMES), ("Light", "Dark", "Projector"), segmented=True)


def _clock_row(play: IconButton, step: IconButton, title: str, text: str, formula: str) -> Row:
    """A clock's heading: its play and step buttons, its name and its ⓘ."""
    heading = Label(title, role="heading", wrap=False)
    return Row(play, step, heading, InfoButton(title, text, formula=formula))


@dataclass(eq=False)
class DemoSettings(ObservableGroup):
    """The demo's values that controls and keys share."""

    anim_speed: Observable[float]
    theme: Observable[str]


class DemoScene(Scene):
    """Shows the renderer's primitives, the widgets and the two clocks."""

    name = "demo"
    title = "Primitives, widgets and two clocks"

    def __init__(self, services: SceneServices) -> None:
        super().__init__(services)
        renderer = services.renderer
        self.backdrop = renderer.new_draw_list()
        self.canvas = renderer.new_draw_list()
        self.hud = renderer.new_draw_list()
        self.ui_base = renderer.new_draw_list()
        self.ui_overlay = renderer.new_draw_list()
        self.camera = Camera2D(viewport=services.size, home_bounds=WORLD)
        self.canvas_card = Card(camera=self.camera, head_room=0.0)
        self.counter = 0
        self.pulse = 0.0
        self.show_grid = True
        self.wave = WAVES[0]
        self.hidden_labels = 0
        """Canvas labels left out at the present zoom (too small to read)."""
        anim = services.anim_clock
        self.values = DemoSettings(Observable(anim.speed), Observable(services.theme.name))
        self.values.anim_speed.on_set(lambda value: setattr(anim, "speed", value))
        self.values.theme.on_set(lambda name: self.set_theme(THEMES[name]))
        self.ui = UIManager(renderer.text_layout, services.theme)
        self._build_ui()
        self.resize(*services.size)
        self.camera.home(animate=False)

    # -- controls ------------------------------------------------------------------------
    def _build_ui(self) -> None:
        sim = self.services.sim_clock
        anim = self.services.anim_clock
        self.sim_play = IconButton(
            "pause", self.toggle_sim, label="Pause or run the simulation clock"
        )
        self.sim_step = IconButton("step", sim.step, label="One simulation step")
        self.sim_rate = Slider(
            "Steps per second",
            0.5,
            240.0,
            sim.steps_per_second,
            log=True,
            formatter=lambda v: f"{v:.3g}/s",
            on_change=self._set_rate,
        )
        self.sim_fast = Toggle("As fast as possible", sim.max_speed, on_change=self._set_fast)
        self.anim_play = IconButton("pause", self.toggle_anim, label="Pause or run the animation")
        self.anim_step = IconButton("step", lambda: anim.step(0.1), label="Animation +0.1 s")
        self.anim_speed = ANIMATION_SPEED.build(self.values)
        clocks = Panel(
            _clock_row(
                self.sim_play,
                self.sim_step,
                "Simulation clock",
                "Counts training steps at a fixed rate, however fast frames are drawn. "
                "Pausing it stops training; the animation keeps running.",
                "steps due = ⌊accumulated time × rate⌋",
            ),
            self.sim_rate,
            self.sim_fast,
            _clock_row(
                self.anim_play,
                self.anim_step,
                "Animation clock",
                "Moves everything that animates: flowing dashes, sweeps, tweens. "
                "Its speed and pause are independent of training.",
                "animation dt = frame dt × speed",
            ),
            self.anim_speed,
        )
        self.theme_choice = THEME.build(self.values)
        widgets = Panel(
            Toggle("Grid", self.show_grid, on_change=self._set_grid),
            Dropdown(list(WAVES), 0, on_change=self._set_wave),
            self.theme_choice,
            Button("Frame the canvas", lambda: self.camera.home()),
            title="Widgets",
        )
        self._panels = (clocks, widgets)
        self._layout = ""
        self._root: Column | Row | None = None

    def _panel_units(self) -> float:
        """Panel width in UI units, grown with the theme's type size (projector: 1.4×)."""
        return PANEL_WIDTH * self.theme.body_size / 18.0

    def _arrange_panels(self, width: float, height: float) -> None:
        """Lay the two panels out in one column when that fits the window height; else
        side by side when the window is wide enough; else only the clock controls
        (the projector theme's large type on a small screen needs the room)."""
        units = self._panel_units()
        ctx = self.ui.context()
        heights = [p.measure(ctx, self.theme.px(units))[1] for p in self._panels]
        room = height - self.theme.spacing_px * 5
        if sum(heights) <= room:
            layout = "column"
        elif 2 * self.theme.px(units) <= 0.5 * width:
            layout = "row"
        else:
            layout = "clocks"
        if layout == self._layout:
            return
        self._layout = layout
        if self._root is not None:
            self.ui.remove(self._root)
        clocks, widgets = self._panels
        if layout == "column":
            self._root = Column(clocks, widgets)
            self.ui.add(self._root, anchor="tr", width=units)
        elif layout == "row":
            self._root = Row(clocks, widgets)
            self.ui.add(self._root, anchor="tr", width=2 * units + self.theme.spacing)
        else:
            self._root = Column(clocks)
            self.ui.add(self._root, anchor="tr", width=units)

    def panel_columns(self) -> int:
        """How many panel widths the controls take (the canvas gets the rest)."""
        return 2 if self._layout == "row" else 1

    def toggle_sim(self) -> None:
        self.services.sim_clock.toggle_pause()

    def toggle_anim(self) -> None:
        self.services.anim_clock.toggle_pause()

    def _set_rate(self, value: float) -> None:
        self.services.sim_clock.steps_per_second = value

    def _set_fast(self, value: bool) -> None:
        self.services.sim_clock.max_speed = value

    def _set_grid(self, value: bool) -> None:
        self.show_grid = value

    def _set_wave(self, index: int) -> None:
        self.wave = WAVES[index]

    # -- scene interface -------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        super().set_theme(theme)
        self.ui.set_theme(theme)
        self.values.theme.show(theme.name)

    def resize(self, width: int, height: int) -> None:
        super().resize(width, height)
        self.ui.layout(width, height)
        self._arrange_panels(width, height)
        panel = self.theme.px(self.panel_columns() * self._panel_units() + 4 * self.theme.spacing)
        canvas_w = max(width - panel, width * 0.4)
        top = self.theme.title_px * 2.2
        bottom = self.theme.label_px * 2.5
        self.canvas_card.place(Rect(0.0, top, canvas_w, height - top - bottom), self.theme)
        # In UI units, like the rest of the layout: the same margin on a HiDPI drawable.
        self.camera.home_padding = self.theme.px(HOME_PADDING)
        self.canvas_card.frame(WORLD, self.camera.home_padding, animate=False)

    def handle(self, event: ev.Event) -> bool:
        return route_event(event, self.ui, self._key, self.canvas_card)

    def _key(self, event: ev.KeyDown) -> bool:
        sim, anim = self.services.sim_clock, self.services.anim_clock
        if event.key == "space":
            self.toggle_sim()
        elif event.key in ("return", "right"):
            sim.step()
        elif event.key == "a":
            self.toggle_anim()
        elif event.key == "period":
            anim.step(0.1)
        elif event.key == "home":
            self.camera.home()
        else:
            return False
        return True

    def update(self, frame: FrameInfo) -> None:
        sim, anim = self.services.sim_clock, self.services.anim_clock
        self.counter += frame.sim_steps
        self.pulse = 1.0 if frame.sim_steps else max(0.0, self.pulse - frame.dt * 8.0)
        self.camera.update(frame.dt)
        self.ui.update(frame.dt)
        self.sim_play.icon = "play" if sim.paused else "pause"
        self.anim_play.icon = "play" if anim.paused else "pause"
        self.sim_rate.enabled = not sim.max_speed

    def is_animating(self) -> bool:
        return self.camera.is_moving or self.ui.is_animating() or self.pulse > 0.0

    def next_frame_due(self) -> float | None:
        """Every frame while the animation clock runs: the showcase moves with it."""
        return EVERY_FRAME if self.services.anim_clock.moving else super().next_frame_due()

    def layers(self) -> Layers:
        w, h = self.services.size
        self.backdrop.clear()
        draw_backdrop(self.backdrop, self.theme, self.show_grid)
        self.canvas.clear()
        min_text = min_world_size(self.theme, h, self.camera.zoom)
        self.hidden_labels = draw_showcase(self.canvas, self.theme,
                                           self.services.anim_clock.time, self.counter,
                                           self.pulse, self.wave, min_text)  # fmt: skip
        self._draw_hud(self.hud)
        self.ui_base.clear()
        self.ui_overlay.clear()
        self.ui.draw(self.ui_base, self.ui_overlay)
        screen = LayerTransform.screen(w, h)
        world = self.canvas_card.transform((w, h), clip=True)
        return [
            (self.backdrop, world),
            (self.canvas, world),
            (self.hud, screen),
            (self.ui_base, screen),
            (self.ui_overlay, screen),
        ]

    # -- drawing ----------------------------------------------------------------------------
    def _draw_hud(self, dl: DrawList) -> None:
        t = self.theme
        h = self.services.size[1]
        dl.clear()
        pad = t.padding_px * 2
        dl.text("nnviz", pad, pad, t.title_px, t.text, face="bold")
        x = pad + dl.text_layout.width("nnviz  ", t.title_px, "bold")
        room = self.camera.viewport[0] - x
        if dl.text_layout.width(self.title, t.title_px) <= room:
            dl.text(self.title, x, pad, t.title_px, t.text_dim)
        hints = ["Space: simulation clock", "A: animation clock", "→ step", "wheel: zoom",
                 "Home: frame", "F2: theme", "F3: stats"]  # fmt: skip
        if self.hidden_labels:  # first, so that a narrow window keeps it
            hints[3:4] = []
            hints.insert(0, "Wheel or pinch: zoom in to read the labels")
        w = self.services.size[0]
        line = fitted_parts(dl.text_layout, hints, t.label_px, w - 2 * pad, sep=" · ")
        dl.text(line, pad, h - pad * 0.6, t.label_px, t.text_dim, anchor="lb")
