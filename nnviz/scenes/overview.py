"""The network overview: live LSTM training you can watch and steer.

Left to right as in exploRNN's overview: the input signal flowing in, the network
(one glyph per LSTM layer), the predictions building up. Below: the phase being
animated with its explanation, and the loss curves. On the right: the controls.
Training runs in the session's worker thread on its own clock; this scene only
reads the newest snapshot and plays epochs on the animation clock (see
:class:`~nnviz.anim.epoch_player.EpochPlayer`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nnviz.anim.epoch_player import EpochPlayer, PlayerState
from nnviz.render.camera import Camera2D
from nnviz.render.color import OkabeIto, mix, with_alpha
from nnviz.render.drawlist import DrawList
from nnviz.render.renderer import LayerTransform
from nnviz.scenes.base import FrameInfo, Layers, SceneServices
from nnviz.scenes.cards import (
    card_inner,
    draw_card,
    draw_legend,
    draw_title,
    fit_density,
    fitted_paragraph,
)
from nnviz.scenes.controls import (
    animation_speed_slider,
    info_button,
    learning_rate_slider,
    panel_heading,
)
from nnviz.scenes.network_view import NetworkView
from nnviz.scenes.overview_text import INFO, PHASE_TEXT, PHASE_TITLES
from nnviz.scenes.plot import PlotFrame, decimation
from nnviz.scenes.training_scene import DEFAULT_SPEED, TrainingScene
from nnviz.sim import EpochRecord, Snapshot, TrainingSession
from nnviz.ui import events as ev
from nnviz.ui.widget import Column, Panel, Rect, Row, Widget
from nnviz.ui.widgets import (
    Button,
    Dropdown,
    IconButton,
    InfoButton,
    Slider,
    Toggle,
)

DATASETS = ("sine", "sawtooth", "square", "composite", "abab", "lorem")
DATASET_LABELS = ("Sine", "Sawtooth", "Square", "Composite sine", "Text: abab…", "Text: lorem")
DATASET_CHOICES = tuple(f"Data: {label}" for label in DATASET_LABELS)
OPTIMIZERS = ("adam", "rmsprop", "momentum", "sgd")
OPTIMIZER_LABELS = ("Adam", "RMSprop", "SGD + momentum", "SGD")
OPTIMIZER_CHOICES = tuple(f"Optimizer: {label}" for label in OPTIMIZER_LABELS)
LEVEL_COLOR = OkabeIto.BLUE
"""The overview's level colour (the cell view uses vermillion): blue/orange as in exploRNN,
from the colour-blind-safe palette."""
CONTROL_WIDTH = 0.22
"""Fraction of the window width taken by the control column."""
DRAG_THRESHOLD = 6.0
"""Pixels a press may move and still count as a tap (fingers wobble)."""
"""Epochs per second at start: slow enough for every phase to play at 1×."""


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
    def compute(width: float, height: float, theme) -> OverviewLayout:
        m = theme.spacing_px * 1.6
        header_h = theme.title_px * 1.8
        controls_w = max(width * CONTROL_WIDTH, theme.px(280))
        content_w = width - controls_w - 3 * m
        top = header_h
        split = top + (height - top) * 0.52
        bottom = height - m
        x0 = m
        w_in = content_w * 0.15
        w_net = content_w * 0.50
        w_pred = content_w - w_in - w_net - 2 * m
        w_proc = content_w * 0.22
        w_loss = content_w * 0.25
        w_set = content_w - w_proc - w_loss - 2 * m
        low_y, low_h = split + m, bottom - split - m
        return OverviewLayout(
            header=Rect(0, 0, width, header_h),
            input=Rect(x0, top, w_in, split - top),
            network=Rect(x0 + w_in + m, top, w_net, split - top),
            predictions=Rect(x0 + w_in + w_net + 2 * m, top, w_pred, split - top),
            process=Rect(x0, low_y, w_proc, low_h),
            loss=Rect(x0 + w_proc + m, low_y, w_loss, low_h),
            settings=Rect(x0 + w_proc + w_loss + 2 * m, low_y, w_set, low_h),
            controls=Rect(width - controls_w - m, m, controls_w, height - 2 * m),
        )


class OverviewScene(TrainingScene):
    """Live training of a stacked LSTM, animated epoch by epoch."""

    name = "overview"
    title = "Network overview"

    def __init__(self, services: SceneServices, session: TrainingSession | None = None) -> None:
        super().__init__(services, session)
        renderer = services.renderer
        self.label_fade: dict[int, float] = {}
        """Layer index → opacity of its glyph's labels (the explorer fades them as the cell
        inside comes into view)."""
        self.player: EpochPlayer[EpochRecord] = EpochPlayer()
        self.network = NetworkView()
        self.camera = Camera2D(viewport=services.size, home_bounds=self.network.bounds())
        self.lists = {
            name: renderer.new_draw_list()
            for name in ("cards", "content", "world", "world_top", "status", "ui", "ui_overlay")
        }
        self.layout = OverviewLayout.compute(*services.size, services.theme)
        self._network_bounds = self.network.bounds()
        self._seen_serial = -1
        self._press: tuple[float, float, bool] | None = None
        self.on_zoom: Callable[[int], None] | None = None
        """Called with a layer index when a person taps a layer (the explorer zooms in)."""
        self._build_ui()
        self.resize(*services.size)

    # -- controls ------------------------------------------------------------------------
    def _build_ui(self) -> None:
        s = self.session
        self.play_button = IconButton("pause", self.toggle_training, label="Play / pause (Space)")
        self.step_button = IconButton("step", s.step_epoch, label="Train one epoch (Enter)")
        self.reset_button = IconButton("reset", self.reset, label="Reset (Backspace)")
        self.speed = Slider(
            "Training speed",
            0.2,
            50.0,
            DEFAULT_SPEED,
            log=True,
            formatter=lambda v: f"{v:.2g} epochs/s",
            on_change=self._set_speed,
        )
        self.max_speed = Toggle("As fast as possible", False, on_change=self._set_max_speed)
        self.lockstep = Toggle("Lockstep with animation", False, on_change=s.set_lockstep)
        self.anim_speed = animation_speed_slider(self._set_anim_speed)
        self.learning_rate = learning_rate_slider(s.set_learning_rate)
        self.batch = Slider(
            "Batch size",
            1,
            64,
            16,
            step=1,
            formatter=lambda v: f"{int(v)}",
            on_change=lambda v: s.set_batch_size(int(v)),
        )
        self.noise = Slider(
            "Noise",
            0.0,
            0.5,
            0.0,
            step=0.01,
            formatter=lambda v: f"{v:.2f}",
            on_change=s.set_noise,
        )
        self.hidden = Slider(
            "Hidden units",
            1,
            64,
            16,
            step=1,
            formatter=lambda v: f"{int(v)}",
            on_change=lambda v: s.set_hidden_size(int(v)),
        )
        self.optimizer = Dropdown(list(OPTIMIZER_CHOICES), 0, on_change=self._set_optimizer)
        self.dataset = Dropdown(list(DATASET_CHOICES), 0, on_change=self._set_dataset)
        self.history = Slider(
            "History",
            0,
            1,
            1,
            step=1,
            formatter=lambda v: f"epoch {int(v)}",
            on_change=self._seek,
        )
        self.live_button = Button("Live", self._go_live)
        self.resume_button = Button("Resume here", self._resume)

        def info(key: str) -> InfoButton:
            return info_button(INFO[key])

        def heading(text: str, key: str) -> Row:
            return panel_heading(text, INFO[key])

        def with_info(widget: Widget, key: str) -> Row:
            widget.flex = 1
            return Row(widget, info(key))

        for slider in (
            self.speed,
            self.anim_speed,
            self.learning_rate,
            self.batch,
            self.noise,
            self.hidden,
            self.history,
        ):
            slider.flex = 1
        self.max_speed.flex = 1
        self.lockstep.flex = 1
        self.panel = Panel(
            heading("Training", "controls"),
            Row(self.play_button, self.step_button, self.reset_button),
            self.speed,
            self.max_speed,
            self.lockstep,
            self.anim_speed,
            Row(self.history, info("history")),
            Row(self.live_button, self.resume_button),
        )
        self.settings = Panel(
            heading("Settings", "settings"),
            Row(
                Column(
                    with_info(self.dataset, "input"),
                    Row(self.learning_rate, info("learning_rate")),
                    Row(self.batch, info("batch")),
                    flex=1,
                ),
                Column(
                    with_info(self.optimizer, "optimizer"),
                    Row(self.noise, info("noise")),
                    Row(self.hidden, info("hidden")),
                    flex=1,
                ),
            ),
        )
        self.ui.add(self.panel, place=lambda w, h, ctx: self.layout.controls)
        self.ui.add(self.settings, place=lambda w, h, ctx: self.layout.settings)
        for key in ("input", "network", "predictions", "process", "loss"):
            self.ui.add(info(key), place=self._info_placer(key))
        self.log_scale = Toggle("log", True)
        self.ui.add(self.log_scale, place=self._log_toggle_placer)

    def _log_toggle_placer(self, width: float, height: float, ctx) -> Rect:
        """The loss card's log-scale switch, left of its ⓘ."""
        r = self.layout.loss
        size = ctx.theme.control_px
        w = ctx.theme.px(110)
        return Rect(
            r.right - size - w - ctx.theme.padding_px, r.y + ctx.theme.padding_px * 0.3, w, size
        )

    def _info_placer(self, key: str):
        def place(width: float, height: float, ctx) -> Rect:
            r: Rect = getattr(self.layout, key)
            size = ctx.theme.control_px
            return Rect(
                r.right - size - ctx.theme.padding_px * 0.5,
                r.y + ctx.theme.padding_px * 0.3,
                size,
                size,
            )

        return place

    def reset(self) -> None:
        self.session.reset()
        self.player = EpochPlayer()

    def _set_speed(self, value: float) -> None:
        if not self.max_speed.value:
            self.session.set_speed(value)

    def _set_max_speed(self, on: bool) -> None:
        self.session.set_speed(None if on else self.speed.value)

    def _set_optimizer(self, index: int) -> None:
        self.session.set_optimizer(OPTIMIZERS[index])

    def _set_dataset(self, index: int) -> None:
        self.session.set_dataset(DATASETS[index])
        self.player = EpochPlayer()

    def _seek(self, value: float) -> None:
        self.session.seek(int(value))

    def _go_live(self) -> None:
        self.session.seek(None)

    def _resume(self) -> None:
        snap = self.snapshot
        if snap.viewing is not None:
            self.session.resume_from(snap.viewing)

    def add_layer(self, index: int) -> None:
        if len(self.network.live()) < 7:
            self.network.insert(index, int(self.hidden.value))
            self.session.add_layer(index, int(self.hidden.value))

    def remove_layer(self, index: int) -> None:
        if len(self.network.live()) > 1:
            self.network.remove(index)
            self.session.remove_layer(index)

    # -- scene interface -------------------------------------------------------------------
    def resize(self, width: int, height: int) -> None:
        super().resize(width, height)
        self.ui.density = 1.0
        self._lay_out(width, height)
        fit = fit_density(
            self.ui,
            ((self.panel, self.layout.controls), (self.settings, self.layout.settings)),
        )
        if fit < 1.0:
            # Large type (projector theme, small window): shrink everything together until
            # the control panels fit, rather than letting them run off the screen.
            self.services.theme = self.theme.scaled(self.theme.scale * fit)
            self.ui.density = fit
            self._lay_out(width, height)
        self._frame_network(animate=False)

    def _lay_out(self, width: int, height: int) -> None:
        self.layout = OverviewLayout.compute(width, height, self.theme)
        self.ui.layout(width, height)

    def _frame_network(self, animate: bool) -> None:
        r = self.layout.network
        head = self.theme.heading_px * 2.2
        self.camera.set_viewport(r.w, max(r.h - head, 1))
        self.camera.home(self.network.bounds(), padding=self.theme.px(8), animate=animate)

    def _network_origin(self) -> tuple[float, float]:
        r = self.layout.network
        return (r.x, r.y + self.theme.heading_px * 2.2)

    def handle(self, event: ev.Event) -> bool:
        if self.ui.handle(event):
            return True
        if isinstance(event, ev.KeyDown):
            return self._key(event)
        if isinstance(event, ev.Wheel) and self._in_network(event.x, event.y):
            ox, oy = self._network_origin()
            self.camera.zoom_at((event.x - ox, event.y - oy), 1.15**event.dy)
            return True
        if isinstance(event, ev.PointerDown) and self._in_network(event.x, event.y):
            self._press = (event.x, event.y, False)
        if isinstance(event, ev.PointerMove):
            if self._press is not None and event.pressed:
                x0, y0, moved = self._press
                if moved or abs(event.x - x0) + abs(event.y - y0) > DRAG_THRESHOLD:
                    self.camera.pan_pixels(event.x - x0, event.y - y0)
                    self._press = (event.x, event.y, True)
                return True
            self.network.hover = None if event.touch else self._hit(event.x, event.y)
            return False
        if isinstance(event, ev.PointerUp) and self._press is not None:
            moved = self._press[2]
            self._press = None
            hit = None if moved else self._hit(event.x, event.y)
            if hit is not None:
                self._activate(hit)
            return True
        return isinstance(event, ev.PointerDown) and self._press is not None

    def _activate(self, hit) -> None:
        """A tap on the diagram: select and zoom into a layer, or add / remove one."""
        if hit.kind == "layer":
            self.network.selected = hit.index
            if self.on_zoom is not None:
                self.on_zoom(hit.index)
        elif hit.kind == "add":
            self.add_layer(hit.index)
        elif hit.kind == "remove":
            self.remove_layer(hit.index)

    def _in_network(self, x: float, y: float) -> bool:
        ox, oy = self._network_origin()
        vw, vh = self.camera.viewport
        return 0 <= x - ox <= vw and 0 <= y - oy <= vh

    def network_transform(self) -> LayerTransform:
        """The diagram's world as drawn now: the camera, clipped to the network card."""
        w, h = self.services.size
        ox, oy = self._network_origin()
        vw, vh = self.camera.viewport
        world = LayerTransform.from_camera(self.camera, (w, h), (ox, oy))
        return world.clipped(ox, oy, vw, vh)

    def _hit(self, x: float, y: float):
        ox, oy = self._network_origin()
        vw, vh = self.camera.viewport
        if not (0 <= x - ox <= vw and 0 <= y - oy <= vh):
            return None
        wx, wy = self.camera.screen_to_world(x - ox, y - oy)
        return self.network.hit(wx, wy)

    def _key(self, event: ev.KeyDown) -> bool:
        key = event.key
        live = len(self.network.live())
        if key == "space":
            self.toggle_training()
        elif key in ("return", "right", "pagedown"):  # PageDown: a presenter remote's "next"
            self.session.step_epoch()
        elif key == "backspace":
            self.reset()
        elif key == "plus":
            self.add_layer(min(self.network.selected + 1, live))
        elif key == "minus":
            self.remove_layer(self.network.selected)
        elif key == "left":
            self.network.selected = max(self.network.selected - 1, 0)
        elif key == "home":
            self._frame_network(animate=True)
        else:
            return False
        return True

    def update(self, frame: FrameInfo) -> None:
        session = self.session
        snap = self.poll_session(frame.dt)
        if snap.serial != self._seen_serial:
            self._seen_serial = snap.serial
            self._on_snapshot(snap)
        finished = self.player.update(frame.anim_dt)
        if finished is not None and snap.lockstep:
            session.animation_done(finished)
        if self.network.update(frame.anim_dt if frame.anim_dt > 0 else frame.dt):
            self._frame_network(animate=False)
        self.camera.update(frame.dt)
        self.ui.update(frame.dt)
        self.play_button.icon = "pause" if snap.running else "play"
        self.speed.enabled = not self.max_speed.value
        self.resume_button.enabled = snap.viewing is not None
        self.live_button.enabled = snap.viewing is not None

    def _on_snapshot(self, snap: Snapshot) -> None:
        self.network.sync(tuple(snap.layer_sizes[1:-1]) or (16,))
        first, last = snap.history_first, snap.history_last
        self.history.enabled = first is not None and last is not None and last >= 0
        if self.history.enabled:
            self.history.minimum = float(first)
            self.history.maximum = float(max(last, first + 1))
            if snap.viewing is None:
                self.history.value = float(last)
        shown = snap.shown if hasattr(snap, "shown") else None
        if snap.viewing is not None and snap.view_record is not None:
            if self.player.current is not snap.view_record:
                self.player.show(snap.view_record, snap.view_record.epoch)
        elif shown is not None or snap.record is not None:
            record = snap.record
            if record is not None:
                self.player.offer(record, record.epoch, snap.epochs_total)

    def is_animating(self) -> bool:
        snap = self.snapshot
        return (
            snap.running
            or snap.status == "compiling"
            or self.player.playing
            or self.camera.is_moving
            or self.ui.is_animating()
        )

    def train_flat_out(self) -> bool:
        self.max_speed.set_value(True)
        return True

    # -- drawing ---------------------------------------------------------------------------
    def layers(self) -> Layers:
        w, h = self.services.size
        for dl in self.lists.values():
            dl.clear()
        state = self.player.state()
        record = self.player.current
        cards, content = self.lists["cards"], self.lists["content"]
        self._draw_header(content, state)
        for key, title in (
            ("input", "Input"),
            ("network", "Network"),
            ("predictions", "Predictions"),
            ("process", "Process"),
            ("loss", "Loss"),
        ):
            draw_card(cards, content, getattr(self.layout, key), title, self.theme)
        self._draw_input(content, record, state)
        self._draw_predictions(content, record, state)
        self._draw_process(content, state)
        self._draw_loss(content)
        self.network.cell = "RNN" if self.snapshot.config.cell == "rnn" else "LSTM"
        if self.snapshot.status != "compiling":
            self.network.draw(
                self.lists["world"],
                self.lists["world_top"],
                self.theme,
                phase=state.phase,
                level_color=LEVEL_COLOR,
                input_label=self._input_label(),
                output_label="prediction",
                label_fade=self.label_fade,
            )
        self._draw_status(self.lists["status"])
        self.ui.draw(self.lists["ui"], self.lists["ui_overlay"])
        screen = LayerTransform.screen(w, h)
        world = self.network_transform()
        return [
            (cards, screen),
            (content, screen),
            (self.lists["world"], world),
            (self.lists["world_top"], world),
            (self.lists["status"], screen),
            (self.lists["ui"], screen),
            (self.lists["ui_overlay"], screen),
        ]

    def _input_label(self) -> str:
        index = (
            DATASETS.index(self.snapshot.config.dataset)
            if (self.snapshot.config.dataset in DATASETS)
            else -1
        )
        return DATASET_LABELS[index].lower() if index >= 0 else self.snapshot.config.dataset

    def _draw_header(self, dl: DrawList, state: PlayerState) -> None:
        t = self.theme
        snap = self.snapshot
        y = self.layout.header.cy
        x = draw_title(dl, t, y, "Network overview", LEVEL_COLOR)
        status = {
            "running": "training",
            "paused": "paused",
            "compiling": "preparing",
            "diverged": "diverged",
            "error": "problem",
        }.get(snap.status, snap.status)
        pill = t.danger if snap.status in ("diverged", "error") else LEVEL_COLOR
        width = dl.text_layout.width(status, t.label_px, "bold") + t.px(24)
        dl.rect(
            x,
            y - t.label_px * 0.85,
            x + width,
            y + t.label_px * 0.85,
            pill,
            radius=t.label_px * 0.85,
        )
        # White on the dark blue or vermillion pill, in every theme.
        dl.text(
            status, x + width / 2, y, t.label_px, (1.0, 1.0, 1.0, 1.0), anchor="cm", face="bold"
        )
        x += width + t.px(18)
        parts = [f"Epoch {snap.epoch}"]
        if state.epoch is not None and state.epoch != snap.epoch:
            parts.append(f"showing epoch {state.epoch}")
        if state.skipped:
            parts.append(f"{state.skipped} skipped")
        dl.text("  ·  ".join(parts), x, y, t.heading_px, t.text, anchor="lm")

    def _draw_status(self, dl: DrawList) -> None:
        """Compiling progress, divergence and messages, over the network card."""
        t = self.theme
        snap = self.snapshot
        r = card_inner(self.layout.network, self.theme)
        if snap.status == "compiling":
            cx, cy = r.cx, r.cy
            radius = min(r.w, r.h) * 0.16
            angle = self.services.anim_clock.time * 4.0
            dl.ring(cx, cy, radius, t.px(8), with_alpha(t.text_dim, 0.25))
            sweep = max(snap.progress, 0.04) * 2 * math.pi
            dl.arc(cx, cy, radius, t.px(8), LEVEL_COLOR, -math.pi / 2, -math.pi / 2 + sweep)
            dl.circle(
                cx + radius * math.cos(angle),
                cy + radius * math.sin(angle),
                t.px(6),
                OkabeIto.ORANGE,
            )
            dl.text(f"{snap.progress:.0%}", cx, cy, t.heading_px, t.text, anchor="cm", face="bold")
            dl.text(
                "Preparing the training kernels (first start only)…",
                cx,
                cy + radius + t.px(24),
                t.body_px,
                t.text,
                anchor="ct",
            )
            return
        if snap.status in ("diverged", "error") or snap.message:
            danger = snap.status in ("diverged", "error")
            color = t.danger if danger else t.text_dim
            box = Rect(r.x, r.bottom - t.body_px * 4.2, r.w, t.body_px * 4.2)
            dl.rect(
                box.x,
                box.y,
                box.right,
                box.bottom,
                mix(t.panel, color, 0.12),
                stroke=color,
                stroke_width=t.px(2),
                radius=t.radius_px,
            )
            title = {"diverged": "Training diverged", "error": "Problem"}.get(snap.status, "")
            y = box.y + t.padding_px * 0.6
            if title:
                dl.text(title, box.x + t.padding_px, y, t.body_px, color, face="bold")
                y += t.body_px * 1.3
            dl.paragraph(
                snap.message, box.x + t.padding_px, y, t.label_px, t.text, box.w - 2 * t.padding_px
            )

    def _draw_input(self, dl: DrawList, record: EpochRecord | None, state: PlayerState) -> None:
        t = self.theme
        r = card_inner(self.layout.input, self.theme)
        prediction = record.prediction if record is not None else None
        if prediction is None:
            fitted_paragraph(dl, self.theme, "Waiting for the first epoch…", r, t.text_dim)
            return
        if prediction.kind == "text":
            self._draw_text_stream(dl, r, prediction.input_text)
            return
        values = np.asarray(prediction.input, dtype=np.float64)
        n = len(values)
        # The window flows leftwards into the network as the animation clock runs.
        shift = (self.services.anim_clock.time * 3.0) % 1.0
        frame = PlotFrame(r, (0.0, n - 1.0), (-1.3, 1.3))
        xs = np.arange(n) - shift
        keep = xs >= 0
        frame.polyline(dl, xs[keep], values[keep], t.px(3), t.text_dim)
        frame.dots(dl, xs[keep], values[keep], t.px(3.5), t.text_dim)

    def _draw_text_stream(self, dl: DrawList, r: Rect, text: str) -> None:
        t = self.theme
        size = t.body_px * 1.2
        per_line = max(int(r.w / (size * 0.62)), 4)
        lines = [text[i : i + per_line] for i in range(0, len(text), per_line)]
        for i, line in enumerate(lines[: max(int(r.h / (size * 1.4)), 1)]):
            dl.text(line.replace("\n", "⏎"), r.x, r.y + i * size * 1.4, size, t.text)

    def _draw_predictions(
        self, dl: DrawList, record: EpochRecord | None, state: PlayerState
    ) -> None:
        t = self.theme
        r = card_inner(self.layout.predictions, self.theme)
        prediction = record.prediction if record is not None else None
        if prediction is None:
            return
        n = len(prediction.target)
        # How far the forward phase has got: points appear one time step at a time.
        shown = int(np.ceil(state.progress * n)) if state.phase == "forward" else n
        if prediction.kind == "text":
            self._draw_text_predictions(dl, r, prediction, shown, state)
            return
        legend_h = t.label_px * 1.8
        plot = Rect(r.x + t.px(36), r.y, r.w - t.px(40), r.h - legend_h)
        frame = PlotFrame(plot, (0.0, n - 1.0), (-1.3, 1.3))
        frame.draw_axes(dl, t, x_label="time step")
        xs = np.arange(n, dtype=np.float64)
        # The grey box over the input being processed.
        if state.phase == "forward" and shown > 0:
            x0, _ = frame.to_px(max(shown - 1.5, 0), 0)
            x1, _ = frame.to_px(min(shown - 0.5, n - 1), 0)
            dl.rect(x0, plot.y, x1, plot.bottom, with_alpha(t.text_dim, 0.18), radius=t.px(3))
        frame.polyline(dl, xs, prediction.input, t.px(2), with_alpha(t.text_dim, 0.55))
        frame.polyline(dl, xs, prediction.target, t.px(2.5), t.text, dash=t.px(8), gap=t.px(6))
        out = np.asarray(prediction.output, dtype=np.float64)
        pred_color = t.series[1]
        if shown > 0:
            frame.polyline(dl, xs[:shown], out[:shown], t.px(3.5), pred_color)
            frame.dots(dl, xs[:shown], out[:shown], t.px(4.5), pred_color)
        if state.phase in ("validation", "backward", "idle"):
            grow = state.progress if state.phase == "validation" else 1.0
            px, py_out = frame.to_px(xs, out)
            _, py_true = frame.to_px(xs, np.asarray(prediction.target, dtype=np.float64))
            segs = np.column_stack([px, py_true, px, py_true + (py_out - py_true) * grow])
            dl.lines(segs, t.px(2.5), np.array([OkabeIto.VERMILLION]))
        draw_legend(
            dl,
            t,
            plot.x,
            r.bottom - legend_h * 0.35,
            r.right,
            (
                ("input", with_alpha(t.text_dim, 0.55), False),
                ("truth", t.text, True),
                ("prediction", pred_color, False),
                ("error", OkabeIto.VERMILLION, False),
            ),
        )

    def _draw_text_predictions(self, dl, r, prediction, shown, state) -> None:
        t = self.theme
        size = t.body_px * 1.15
        cell = size * 1.25
        per_row = max(int(r.w / (cell * 1.05)), 1)
        n = min(len(prediction.target_text), per_row * 3)
        for i in range(n):
            row, col = divmod(i, per_row)
            x = r.x + col * cell * 1.05
            y = r.y + row * cell * 3.2
            truth = prediction.target_text[i]
            dl.text(truth.replace(" ", "␣"), x + cell / 2, y, size, t.text_dim, anchor="ct")
            if i < shown:
                guess = prediction.output_text[i]
                ok = guess == truth
                color = OkabeIto.BLUE if ok else OkabeIto.VERMILLION
                dl.text(
                    guess.replace(" ", "␣"),
                    x + cell / 2,
                    y + cell,
                    size,
                    color,
                    anchor="ct",
                    face="bold",
                )
                if prediction.topk_probs is not None:
                    p = float(prediction.topk_probs[i][0])
                    dl.rect(
                        x + cell * 0.15,
                        y + cell * 2.2,
                        x + cell * 0.15 + cell * 0.7 * p,
                        y + cell * 2.45,
                        color,
                        radius=t.px(2),
                    )
        note = (
            "Grey: the true next character. Below it: the prediction, blue when right and "
            "vermillion when wrong; the bar is how sure the network is."
        )
        height = t.label_px * 2.6
        fitted_paragraph(
            dl, self.theme, note, Rect(r.x, r.bottom - height, r.w, height), t.text_dim
        )

    def _draw_process(self, dl: DrawList, state: PlayerState) -> None:
        """The three phases as steps, the running one highlighted, and what happens in it."""
        t = self.theme
        r = card_inner(self.layout.process, self.theme)
        row = t.body_px * 2.0
        y = r.y
        for name in ("forward", "validation", "backward"):
            active = state.phase == name
            if active:
                dl.rect(
                    r.x,
                    y,
                    r.right,
                    y + row,
                    mix(t.panel, LEVEL_COLOR, 0.14),
                    stroke=LEVEL_COLOR,
                    stroke_width=t.px(2),
                    radius=t.radius_px,
                )
                dl.rect(
                    r.x,
                    y + row - t.px(5),
                    r.x + r.w * state.progress,
                    y + row,
                    LEVEL_COLOR,
                    radius=t.px(2),
                )
            color = t.text if active else t.text_dim
            dl.text(
                PHASE_TITLES[name],
                r.x + t.padding_px,
                y + row / 2,
                t.body_px,
                color,
                anchor="lm",
                face="bold",
            )
            y += row + t.px(6)
        if state.phase in PHASE_TEXT:
            text, color = PHASE_TEXT[state.phase], t.text
        elif state.epoch is None:
            text, color = "Training has not produced an epoch yet.", t.text_dim
        else:
            text, color = "Waiting for the next epoch to show.", t.text_dim
        box = Rect(r.x, y + t.px(8), r.w, r.bottom - y - t.px(8))
        fitted_paragraph(dl, self.theme, text, box, color)

    def _draw_loss(self, dl: DrawList) -> None:
        t = self.theme
        snap = self.snapshot
        r = card_inner(self.layout.loss, self.theme)
        epochs = np.asarray(snap.loss_epochs, dtype=np.float64)
        if len(epochs) < 1:
            fitted_paragraph(dl, t, "The loss curves appear after the first epoch.", r, t.text_dim)
            return
        train = np.asarray(snap.train_losses, dtype=np.float64)
        val = np.asarray(snap.val_losses, dtype=np.float64)
        finite = np.concatenate([train[np.isfinite(train)], val[np.isfinite(val)]])
        lo = float(finite.min()) if len(finite) else 1e-3
        hi = float(finite.max()) if len(finite) else 1.0
        plot = Rect(r.x + t.px(44), r.y, r.w - t.px(48), r.h - t.label_px * 1.8)
        frame = PlotFrame(
            plot,
            (float(epochs[0]), float(max(epochs[-1], epochs[0] + 1))),
            (max(lo * 0.8, 1e-6), hi * 1.25) if self.log_scale.value else (0.0, hi * 1.1),
            log_y=self.log_scale.value,
        )
        frame.draw_axes(dl, t, x_label="epoch")
        # One point per two pixels is all the eye can see; thousands of epochs would
        # otherwise cost thousands of segments per frame.
        keep = decimation(len(epochs), int(plot.w / 2))
        frame.polyline(dl, epochs[keep], train[keep], t.px(2.5), t.series[0])
        frame.polyline(dl, epochs[keep], val[keep], t.px(2.5), t.series[1])
        draw_legend(
            dl,
            t,
            plot.x,
            r.bottom - t.label_px * 0.4,
            plot.right,
            (
                ("train", t.series[0], False),
                ("validation", t.series[1], False),
            ),
        )
        if len(val):
            dl.text(
                f"validation {val[-1]:.3g}", plot.right, plot.y, t.label_px, t.text, anchor="rt"
            )
