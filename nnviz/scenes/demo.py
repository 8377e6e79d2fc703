"""The demo scene: every primitive and widget, and both clocks at work side by side.

Left, a zoomable canvas (mouse wheel or pinch; drag to pan; Home frames it) with
circles, rings, arcs, rounded rectangles, flowing dashed lines and Béziers,
arrowheads, text with Greek and mathematical symbols, and a blue↔vermillion
scale. Dashes flow on the *animation* clock; a counter and a pulse tick on the
*simulation* clock. Right, the controls for both clocks and a sample of every
widget. Pausing one clock leaves the other running: the point of the scene.
"""

from __future__ import annotations

import math

import numpy as np

from nnviz.render.camera import Camera2D
from nnviz.render.color import OkabeIto, diverging_array, mix, with_alpha
from nnviz.render.drawlist import DrawList
from nnviz.render.renderer import LayerTransform
from nnviz.scenes.base import FrameInfo, Layers, Scene, SceneServices
from nnviz.ui import events as ev
from nnviz.ui.manager import UIManager
from nnviz.ui.theme import THEMES
from nnviz.ui.widget import Column, Panel, Row
from nnviz.ui.widgets import (
    Button,
    Dropdown,
    IconButton,
    InfoButton,
    Label,
    SegmentedChoice,
    Slider,
    Toggle,
)

WORLD = (0.0, 0.0, 1000.0, 640.0)
"""The canvas in world units."""
GRID = 80.0
"""Grid spacing in world units: a calm background that still shows the zoom."""
PANEL_WIDTH = 330.0
"""Width of the control column in UI units."""
WAVES = ("Sine", "Square", "Sawtooth")
THEME_LABELS = ("Light", "Dark", "Projector")


def _wave(kind: str, phase: np.ndarray) -> np.ndarray:
    if kind == "Square":
        return np.sign(np.sin(phase))
    if kind == "Sawtooth":
        return 2.0 * ((phase / (2 * math.pi)) % 1.0) - 1.0
    return np.sin(phase)


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
        self.camera = Camera2D(viewport=services.size, home_bounds=WORLD, home_padding=24)
        self.counter = 0
        self.pulse = 0.0
        self.show_grid = True
        self.wave = WAVES[0]
        self._drag: tuple[float, float] | None = None
        self._canvas_origin = (0.0, 0.0)
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
        self.anim_speed = Slider(
            "Animation speed",
            0.25,
            8.0,
            anim.speed,
            log=True,
            formatter=lambda v: f"{v:.2g}×",
            on_change=self._set_anim_speed,
        )
        clocks = Panel(
            Row(
                self.sim_play,
                self.sim_step,
                Label("Simulation clock", role="heading", wrap=False),
                InfoButton(
                    "Simulation clock",
                    "Counts training steps at a fixed rate, however fast frames are drawn. "
                    "Pausing it stops training; the animation keeps running.",
                    formula="steps due = ⌊accumulated time × rate⌋",
                ),
            ),
            self.sim_rate,
            self.sim_fast,
            Row(
                self.anim_play,
                self.anim_step,
                Label("Animation clock", role="heading", wrap=False),
                InfoButton(
                    "Animation clock",
                    "Moves everything that animates: flowing dashes, sweeps, tweens. "
                    "Its speed and pause are independent of training.",
                    formula="animation dt = frame dt × speed",
                ),
            ),
            self.anim_speed,
        )
        self.theme_choice = SegmentedChoice(
            list(THEME_LABELS), self._theme_index(), on_change=self._set_theme_index
        )
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

    def _theme_index(self) -> int:
        names = list(THEMES)
        return names.index(self.theme.name) if self.theme.name in names else 0

    def toggle_sim(self) -> None:
        self.services.sim_clock.toggle_pause()

    def toggle_anim(self) -> None:
        self.services.anim_clock.toggle_pause()

    def _set_rate(self, value: float) -> None:
        self.services.sim_clock.steps_per_second = value

    def _set_fast(self, value: bool) -> None:
        self.services.sim_clock.max_speed = value

    def _set_anim_speed(self, value: float) -> None:
        self.services.anim_clock.speed = value

    def _set_grid(self, value: bool) -> None:
        self.show_grid = value

    def _set_wave(self, index: int) -> None:
        self.wave = WAVES[index]

    def _set_theme_index(self, index: int) -> None:
        self.set_theme(THEMES[list(THEMES)[index]])

    # -- scene interface -------------------------------------------------------------------
    def set_theme(self, theme) -> None:
        super().set_theme(theme)
        self.ui.set_theme(theme)
        self.theme_choice.index = self._theme_index()

    def resize(self, width: int, height: int) -> None:
        super().resize(width, height)
        self.ui.layout(width, height)
        self._arrange_panels(width, height)
        panel = self.theme.px(self.panel_columns() * self._panel_units() + 4 * self.theme.spacing)
        canvas_w = max(width - panel, width * 0.4)
        top = self.theme.title_px * 2.2
        bottom = self.theme.label_px * 2.5
        self._canvas_origin = (0.0, top)
        self.camera.set_viewport(canvas_w, max(height - top - bottom, 1))
        self.camera.home(animate=False)

    def handle(self, event: ev.Event) -> bool:
        if self.ui.handle(event):
            return True
        if isinstance(event, ev.KeyDown):
            return self._key(event)
        if isinstance(event, ev.Wheel):
            local = self._local(event.x, event.y)
            self.camera.zoom_at(local, 1.15**event.dy)
            return True
        if isinstance(event, ev.PointerDown) and event.button == 1:
            self._drag = (event.x, event.y)
            return True
        if isinstance(event, ev.PointerMove) and self._drag is not None:
            self.camera.pan_pixels(event.x - self._drag[0], event.y - self._drag[1])
            self._drag = (event.x, event.y)
            return True
        if isinstance(event, ev.PointerUp) and self._drag is not None:
            self._drag = None
            return True
        return False

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

    def _local(self, x: float, y: float) -> tuple[float, float]:
        return (x - self._canvas_origin[0], y - self._canvas_origin[1])

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

    def layers(self) -> Layers:
        w, h = self.services.size
        self._draw_backdrop(self.backdrop)
        self._draw_canvas(self.canvas)
        self._draw_hud(self.hud)
        self.ui_base.clear()
        self.ui_overlay.clear()
        self.ui.draw(self.ui_base, self.ui_overlay)
        screen = LayerTransform.screen(w, h)
        world = LayerTransform.from_camera(self.camera, (w, h), self._canvas_origin)
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
        hint = (
            "Space: simulation clock · A: animation clock · → step · wheel: zoom · "
            "Home: frame · F2: theme · F3: stats"
        )
        dl.text(hint, pad, h - pad * 0.6, t.label_px, t.text_dim, anchor="lb")

    def _draw_backdrop(self, dl: DrawList) -> None:
        """The canvas card and its grid, a layer below the shapes."""
        t = self.theme
        dl.clear()
        x0, y0, x1, y1 = WORLD
        dl.panel(x0, y0, x1, y1, t.panel, stroke=t.panel_border, stroke_width=2, radius=18)
        if self.show_grid:
            xs = np.arange(x0 + GRID, x1, GRID)
            ys = np.arange(y0 + GRID, y1, GRID)
            grid = with_alpha(t.panel_border, 0.45)
            segs = [(x, y0 + 8, x, y1 - 8) for x in xs] + [(x0 + 8, y, x1 - 8, y) for y in ys]
            dl.lines(np.array(segs), 1.0, np.array([grid]))

    def _draw_canvas(self, dl: DrawList) -> None:
        t = self.theme
        dl.clear()
        time = self.services.anim_clock.time
        ink, dim = t.text, t.text_dim

        # Row 1: circles, rings, arcs and pies; the pie sweeps on the animation clock.
        heading = 22.0
        dl.text("Circles, rings, arcs", 40, 30, heading, ink, face="bold")
        s = t.series
        dl.circle(90, 120, 44, OkabeIto.ORANGE, stroke=ink, stroke_width=3)
        dl.ring(200, 120, 40, 8, OkabeIto.SKY_BLUE)
        sweep = (time * 1.5) % (2 * math.pi)
        dl.circle(310, 120, 44, with_alpha(OkabeIto.BLUISH_GREEN, 0.25))
        dl.circle(310, 120, 44, OkabeIto.BLUISH_GREEN, start=-math.pi / 2, end=-math.pi / 2 + sweep)
        dl.arc(420, 120, 36, 10, OkabeIto.VERMILLION, time * 3.0, time * 3.0 + 4.2)

        # Row 1, right: rounded rectangles.
        dl.text("Rounded rectangles", 520, 30, heading, ink, face="bold")
        dl.rect(520, 76, 640, 164, OkabeIto.YELLOW, radius=0)
        dl.rect(660, 76, 780, 164, t.panel, stroke=OkabeIto.BLUE, stroke_width=5, radius=22)
        dl.rect(
            800,
            76,
            960,
            164,
            with_alpha(OkabeIto.REDDISH_PURPLE, 0.5),
            stroke=OkabeIto.REDDISH_PURPLE,
            stroke_width=2,
            radius=44,
        )

        # Row 2: a tiny network whose connectors flow on the animation clock.
        dl.text("Data flow (animation clock)", 40, 200, heading, ink, face="bold")
        nodes_in = [(90, 270), (90, 350)]
        nodes_mid = [(280, 250), (280, 310), (280, 370)]
        out = (460, 310)
        flow = 60.0
        for a in nodes_in:
            for b in nodes_mid:
                dl.bezier(
                    a, (a[0] + 90, a[1]), (b[0] - 90, b[1]), b, 3, s[4], dash=12, gap=9, flow=flow
                )
        for b in nodes_mid:
            dl.bezier(
                b,
                (b[0] + 90, b[1]),
                (out[0] - 90, out[1]),
                (out[0] - 26, out[1]),
                3,
                s[5],
                dash=12,
                gap=9,
                flow=flow,
            )
        dl.arrow(out[0] - 24, out[1], 1, 0, 16, 14, s[5])
        for x, y in nodes_in + nodes_mid:
            dl.circle(x, y, 22, t.panel, stroke=ink, stroke_width=3)
        dl.circle(*out, 24, OkabeIto.ORANGE, stroke=ink, stroke_width=3)
        dl.text("σ", *out, 26, ink, anchor="cm")
        dl.line(40, 420, 480, 420, 5, OkabeIto.BLUE, dash=22, gap=12, flow=flow)
        dl.arrow(492, 420, 1, 0, 18, 18, OkabeIto.BLUE)
        dl.line(480, 450, 40, 450, 5, OkabeIto.VERMILLION, dash=22, gap=12, flow=flow)
        dl.arrow(28, 450, -1, 0, 18, 18, OkabeIto.VERMILLION)
        dl.text("forward", 500, 420, 18, dim, anchor="lm")
        dl.text("backward", 500, 450, 18, dim, anchor="lm")

        # Row 2, right: the simulation counter and a wave drawn as a polyline.
        dl.text("Simulation clock", 600, 200, heading, ink, face="bold")
        glow = mix(t.panel, OkabeIto.ORANGE, 0.35 * self.pulse)
        dl.rect(600, 236, 960, 320, glow, stroke=t.panel_border, stroke_width=2, radius=14)
        dl.text(f"{self.counter:,} steps", 780, 278, 40, ink, anchor="cm", face="bold")
        phase = np.linspace(0, 4 * math.pi, 160) + self.counter * 0.15
        ys = 380 + 40 * _wave(self.wave, phase)
        pts = np.column_stack([np.linspace(600, 960, 160), ys])
        dl.polyline(pts, 3, OkabeIto.BLUE)
        dl.text(f"{self.wave} wave, advanced by training steps", 600, 432, 16, dim)

        # Row 3: text and the signed colour scale.
        dl.text("Text", 40, 490, heading, ink, face="bold")
        dl.text("c = f ⊙ c′ + i ⊙ g      σ(x) = 1 / (1 + exp(−x))", 40, 530, 22, ink)
        dl.text("∂L/∂h   η = 0.01   Δw ≈ −η·∂L/∂w   tanh   ∑ ∞ ≤ ≥", 40, 566, 22, ink)
        dl.text("Atkinson Hyperlegible, crisp at every zoom", 40, 600, 14, dim)
        dl.text("Signed values", 600, 490, heading, ink, face="bold")
        values = np.linspace(-1, 1, 24)
        colors = diverging_array(values, 1.0)
        xs = np.linspace(600, 960, 25)
        boxes = np.column_stack([xs[:-1], np.full(24, 530), xs[1:], np.full(24, 566)])
        dl.rects(boxes, colors)
        dl.text("−1", 600, 574, 16, dim, anchor="lt")
        dl.text("0", 780, 574, 16, dim, anchor="ct")
        dl.text("+1", 960, 574, 16, dim, anchor="rt")
