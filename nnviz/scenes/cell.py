"""The LSTM cell scene (``--scene cell``): one cell of the live network, compute step by
compute step, as in exploRNN's cell view.

Top left the cell (:class:`~nnviz.scenes.cell_view.CellView`) in a camera you can zoom and
pan; beside it the data plot, synchronised with the step player (points appear as they
leave the cell, a grey window covers the steps that built the state) but not wired to the
cell, and the gradient through time. Below: the compute steps with the current sentence,
the colour-coded arithmetic of the current step, and the gate activity over time. Right:
the controls. Training runs in the session (a worker thread; synchronous in headless runs
so screenshots are reproducible) while the cell shows the newest trace or holds one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nnviz.anim.cell_steps import CellActivations, CellSequence, CellStepPlayer
from nnviz.core import LSTMAblation
from nnviz.render.camera import Camera2D
from nnviz.render.color import OkabeIto, with_alpha
from nnviz.render.drawlist import DrawList
from nnviz.render.renderer import LayerTransform
from nnviz.scenes.base import FrameInfo, Layers, SceneServices
from nnviz.scenes.cards import card_inner, draw_card, draw_title, fit_density
from nnviz.scenes.cell_strips import draw_gate_strips, draw_gradients
from nnviz.scenes.cell_text import draw_step_list, draw_tokens, legend_tokens, readout
from nnviz.scenes.cell_view import LEVEL_COLOR, CellView
from nnviz.scenes.controls import (
    animation_speed_slider,
    info_button,
    learning_rate_slider,
    panel_heading,
)
from nnviz.scenes.plot import PlotFrame
from nnviz.scenes.training_scene import TrainingScene
from nnviz.sim import Snapshot, TrainingSession
from nnviz.ui import events as ev
from nnviz.ui.widget import Panel, Rect, Row, Widget
from nnviz.ui.widgets import (
    Button,
    Dropdown,
    IconButton,
    InfoButton,
    Popover,
    SegmentedChoice,
    Slider,
    Toggle,
)

CONTROL_WIDTH = 0.21
"""Epochs per second: training goes on calmly behind the cell animation."""
GATE_FUNCTIONS = ("sigmoid", "hard_sigmoid")
CANDIDATES = ("tanh", "relu", "linear")
DRAG_THRESHOLD = 6.0

INFO = {
    "cell": (
        "Cell animation",
        "One cell of the network, compute step by compute step: layer "
        "input, gates, cell state, output; then backpropagation through time (faster). "
        "Click any part of the cell for what it does, with its current numbers.",
        "",
    ),
    "follow": (
        "Follow live or hold",
        "Follow live takes each new trace as training "
        "produces it; hold keeps this trace and step while training goes on.",
        "",
    ),
    "training": (
        "Training",
        "The network keeps training in the background; the cell shows "
        "the newest epoch's trace of one validation sequence.",
        "w ← w − η · ∂L/∂w",
    ),
    "rnn": (
        "Compare with a vanilla RNN",
        "Trains a plain RNN of the same size on the same data beside the LSTM, and shows "
        "its ‖dL/dh_t‖ as hollow bars in the gradient panel. Going back in time the RNN's "
        "gradient usually fades quickly (it vanishes); the LSTM's cell state carries it "
        "further, which is why LSTMs learn longer dependencies.",
        "RNN: dL/dh_(t−1) = W_hᵀ (f′ ⊙ dL/dh_t)",
    ),
    "ablation": (
        "Cell parts",
        "Fix a gate at 1 or change an activation to see what each part "
        "contributes. Changes apply at the next training step.",
        "c_t = f ⊙ c_(t−1) + i ⊙ g,  h_t = o ⊙ tanh(c_t)",
    ),
}


@dataclass(frozen=True)
class CellLayout:
    """Pixel rectangles of the scene's regions."""

    header: Rect
    cell: Rect
    plot: Rect
    grads: Rect
    steps: Rect
    readout: Rect
    strips: Rect
    controls: Rect

    @staticmethod
    def compute(width: float, height: float, theme) -> CellLayout:
        m = theme.spacing_px * 1.4
        header_h = theme.title_px * 1.8
        controls_w = max(width * CONTROL_WIDTH, theme.px(270))
        content_w = width - controls_w - 3 * m
        top = header_h
        split = top + (height - top) * 0.6
        bottom = height - m
        w_cell = content_w * 0.64
        w_side = content_w - w_cell - m
        side_mid = top + (split - top) * 0.55
        low_y, low_h = split + m, bottom - split - m
        w_steps, w_read = content_w * 0.27, content_w * 0.4
        w_strips = content_w - w_steps - w_read - 2 * m
        x_side = m + w_cell + m
        return CellLayout(
            header=Rect(0, 0, width, header_h),
            cell=Rect(m, top, w_cell, split - top),
            plot=Rect(x_side, top, w_side, side_mid - top - m / 2),
            grads=Rect(x_side, side_mid + m / 2, w_side, split - side_mid - m / 2),
            steps=Rect(m, low_y, w_steps, low_h),
            readout=Rect(2 * m + w_steps, low_y, w_read, low_h),
            strips=Rect(3 * m + w_steps + w_read, low_y, w_strips, low_h),
            controls=Rect(width - controls_w - m, m, controls_w, height - 2 * m),
        )


class CellScene(TrainingScene):
    """A live LSTM cell, animated compute step by compute step."""

    name = "cell"
    title = "LSTM cell"

    def __init__(self, services: SceneServices, session: TrainingSession | None = None) -> None:
        super().__init__(services, session)
        renderer = services.renderer
        self.player = CellStepPlayer()
        self.view = CellView()
        self.layer = 0
        self.unit = 0
        self.ablation = LSTMAblation()
        self.camera = Camera2D(viewport=services.size, home_bounds=self.view.bounds())
        self.lists = {
            name: renderer.new_draw_list()
            for name in ("cards", "content", "world", "world_top", "ui", "ui_overlay")
        }
        self.layout = CellLayout.compute(*services.size, services.theme)
        self._seen_record: object | None = None
        self._drag: tuple[float, float, bool] | None = None
        self.rnn_session: TrainingSession | None = None
        self.on_leave: Callable[[], None] | None = None
        """Called on Esc or a tap outside the cell: the explorer zooms back out."""
        self._build_ui()
        self.resize(*services.size)

    # -- controls ------------------------------------------------------------------------
    def _build_ui(self) -> None:
        p = self.player
        self.anim_play = IconButton("pause", self.toggle_animation, label="Play / pause (Space)")
        self.anim_step = IconButton("step", p.step_compute, label="One compute step (→)")
        self.time_step = Button("t + 1", p.step_time, tooltip="One time step (Shift+→)")
        self.to_output = Button("Output", p.skip_to_output, tooltip="Skip to the output (O)")
        self.to_backward = Button("Backprop", p.skip_to_backward, tooltip="Skip to backprop (B)")
        self.anim_speed = animation_speed_slider(self._set_anim_speed)
        self.follow = SegmentedChoice(
            ["Follow live", "Hold this step"], 0, on_change=self._set_hold
        )
        self.restart = Toggle("New trace restarts at t = 0", False, on_change=self._set_restart)
        self.unit_slider = Slider(
            "Hidden unit",
            0,
            15,
            0,
            step=1,
            formatter=lambda v: f"unit {int(v)}",
            on_change=self._set_unit,
        )
        s = self.session
        self.train_play = IconButton("pause", self.toggle_training, label="Train / pause")
        self.train_step = IconButton("step", s.step_epoch, label="Train one epoch")
        self.train_reset = IconButton("reset", self.reset, label="Reset training")
        self.learning_rate = learning_rate_slider(s.set_learning_rate)
        self.compare_rnn = Toggle("Compare with an RNN", False, on_change=self.compare_with_rnn)
        self.compare_rnn.flex = 1
        self.fix_forget = Toggle(
            "Forget gate fixed at 1", False, on_change=lambda on: self._set_ablation(fix_forget=on)
        )
        self.fix_input = Toggle(
            "Input gate fixed at 1", False, on_change=lambda on: self._set_ablation(fix_input=on)
        )
        self.fix_output = Toggle(
            "Output gate fixed at 1", False, on_change=lambda on: self._set_ablation(fix_output=on)
        )
        self.gate_fn = Dropdown(
            ["Gates: sigmoid", "Gates: hard sigmoid"],
            0,
            on_change=lambda i: self._set_ablation(gate=GATE_FUNCTIONS[i]),
        )
        self.candidate = Dropdown(
            ["Candidate: tanh", "Candidate: ReLU", "Candidate: linear"],
            0,
            on_change=lambda i: self._set_ablation(candidate=CANDIDATES[i]),
        )

        def info(key: str) -> InfoButton:
            return info_button(INFO[key])

        def heading(text: str, key: str) -> Row:
            return panel_heading(text, INFO[key])

        for w in (
            self.anim_speed,
            self.unit_slider,
            self.learning_rate,
            self.follow,
            self.restart,
            self.fix_forget,
            self.fix_input,
            self.fix_output,
            self.gate_fn,
            self.candidate,
        ):
            w.flex = 1
        self.panel = Panel(
            heading("Cell animation", "cell"),
            Row(self.anim_play, self.anim_step, self.time_step),
            Row(self.to_output, self.to_backward),
            self.anim_speed,
            Row(self.follow, info("follow")),
            self.restart,
            self.unit_slider,
            heading("Training", "training"),
            Row(self.train_play, self.train_step, self.train_reset),
            self.learning_rate,
            Row(self.compare_rnn, info("rnn")),
            heading("Cell parts", "ablation"),
            self.fix_forget,
            self.fix_input,
            self.fix_output,
            self.gate_fn,
            self.candidate,
        )
        self.ui.add(self.panel, place=lambda w, h, ctx: self.layout.controls)

    def toggle_animation(self) -> None:
        self.player.toggle()

    def reset(self) -> None:
        self.session.reset()
        self.player.reset()
        self._seen_record = None

    def _set_hold(self, index: int) -> None:
        self.player.hold(index == 1)

    def _set_restart(self, on: bool) -> None:
        self.player.restart = on

    def _set_unit(self, value: float) -> None:
        self.unit = int(value)
        self._refeed()

    def _set_ablation(self, **changes: object) -> None:
        """Change the cell's parts: through the session when it offers ``set_ablation``;
        the local copy also labels the nodes until a trace with the new settings arrives."""
        self.ablation = self.ablation.with_changes(**changes)  # type: ignore[arg-type]
        if hasattr(self.session, "set_ablation"):
            self.session.set_ablation(self.ablation)

    def _refeed(self) -> None:
        """Rebuild the current sequence for another unit or layer, keeping the step."""
        seq = self.player.sequence
        if seq is not None:
            layer = min(self.layer, len(seq.trace.layers) - 1)
            unit = min(self.unit, seq.trace.layers[layer].h.shape[1] - 1)
            new = CellSequence(seq.trace, layer, unit, seq.params, seq.activations, seq.epoch)
            index = self.player.index
            holding = self.player.holding
            self.player.hold(False)
            self.player.feed(new)
            self.player.seek(index)
            self.player.hold(holding)

    # -- scene interface -------------------------------------------------------------------
    def resize(self, width: int, height: int) -> None:
        super().resize(width, height)
        self.ui.density = 1.0
        self._lay_out(width, height)
        fit = fit_density(self.ui, ((self.panel, self.layout.controls),))
        if fit < 1.0:
            self.services.theme = self.theme.scaled(self.theme.scale * fit)
            self.ui.density = fit
            self._lay_out(width, height)
        self._frame_cell(animate=False)

    def _lay_out(self, width: int, height: int) -> None:
        self.layout = CellLayout.compute(width, height, self.theme)
        self.ui.layout(width, height)

    def _cell_rect(self) -> Rect:
        r = self.layout.cell
        head = self.theme.heading_px * 2.0
        return Rect(r.x, r.y + head, r.w, max(r.h - head, 1.0))

    def _frame_cell(self, animate: bool) -> None:
        r = self._cell_rect()
        self.camera.set_viewport(r.w, r.h)
        self.camera.home(self.view.bounds(), padding=self.theme.px(4), animate=animate)

    def handle(self, event: ev.Event) -> bool:
        if self.ui.handle(event):
            return True
        if isinstance(event, ev.KeyDown):
            return self._key(event)
        r = self._cell_rect()
        if isinstance(event, ev.Wheel) and r.contains(event.x, event.y):
            self.camera.zoom_at((event.x - r.x, event.y - r.y), 1.1**event.dy)
            return True
        if isinstance(event, ev.PointerDown) and r.contains(event.x, event.y):
            self._drag = (event.x, event.y, False)
            return True
        if isinstance(event, ev.PointerMove):
            if self._drag is not None and event.pressed:
                x0, y0, moved = self._drag
                if moved or abs(event.x - x0) + abs(event.y - y0) > DRAG_THRESHOLD:
                    self.camera.pan_pixels(event.x - x0, event.y - y0)
                    self._drag = (event.x, event.y, True)
                return True
            self.view.hover = self._node_at(event.x, event.y) if not event.touch else None
            return False
        if isinstance(event, ev.PointerUp) and self._drag is not None:
            moved = self._drag[2]
            self._drag = None
            if not moved:
                node = self._node_at(event.x, event.y)
                if node is None and self.on_leave is not None and self._outside_cell(event):
                    self.on_leave()
                else:
                    self.open_node(node)
            return True
        return False

    def _outside_cell(self, event: ev.PointerUp) -> bool:
        """Whether a tap landed beside the cell drawing (in its card, or elsewhere)."""
        r = self._cell_rect()
        x0, y0, x1, y1 = self.view.bounds()
        wx, wy = self.camera.screen_to_world(event.x - r.x, event.y - r.y)
        return not (x0 <= wx <= x1 and y0 <= wy <= y1)

    def show_layer(self, index: int) -> None:
        """Show layer ``index`` of the network (the one the explorer zoomed into)."""
        if index != self.layer:
            self.layer = index
            self._refeed()

    def _node_at(self, x: float, y: float) -> str | None:
        r = self._cell_rect()
        if not r.contains(x, y):
            return None
        wx, wy = self.camera.screen_to_world(x - r.x, y - r.y)
        return self.view.hit(wx, wy)

    def open_node(self, node: str | None) -> None:
        """Show the ⓘ explanation of ``node`` (with its current numbers) next to it."""
        self.view.selected_node = node
        if node is None:
            return
        title, text, formula = self.view.explain(node, self.player.state())
        anchor = Widget()
        n = self.view.nodes[node]
        r = self._cell_rect()
        sx, sy = self.camera.world_to_screen(n.x, n.y)
        size = self.camera.world_to_screen_length(n.r)
        anchor.rect = Rect(r.x + sx - size, r.y + sy - size, 2 * size, 2 * size)
        self.ui.close_overlays()
        self.ui.open_overlay(Popover(title, text, formula=formula, owner=anchor))

    def _key(self, event: ev.KeyDown) -> bool:
        key, p = event.key, self.player
        if key == "space":
            self.toggle_animation()
        elif key == "right":
            p.step_time() if event.shift else p.step_compute()
        elif key == "pagedown":  # a presenter remote's "next"
            p.step_compute()
        elif key == "pageup":  # and its "back"
            p.seek(max(p.index - 1, 0))
        elif key == "b":
            p.skip_to_backward()
        elif key == "o":
            p.skip_to_output()
        elif key == "home":
            self._frame_cell(animate=True)
        elif key == "escape" and self.on_leave is not None:
            self.on_leave()  # popovers were closed by the UI first
        else:
            return key == "escape"
        return True

    def update(self, frame: FrameInfo) -> None:
        snap = self.poll_session(frame.dt)
        record = snap.shown
        if record is not None and record is not self._seen_record and record.trace is not None:
            self._seen_record = record
            self._feed(snap, record)
        self.player.update(frame.anim_dt)
        self._update_contrast(frame.dt)
        self.camera.update(frame.dt)
        self.ui.update(frame.dt)
        self.anim_play.icon = "pause" if self.player.playing else "play"
        self.train_play.icon = "pause" if snap.running else "play"

    def _feed(self, snap: Snapshot, record) -> None:
        trace = record.trace
        layer = min(self.layer, len(trace.layers) - 1)
        lt = trace.layers[layer]
        H = lt.h.shape[1]
        self.unit_slider.maximum = float(max(H - 1, 1))
        unit = min(self.unit, H - 1)
        ablation = getattr(record.config, "ablation", None) or self.ablation
        seq = CellSequence(
            trace,
            layer,
            unit,
            params=snap.params,
            activations=CellActivations.of(ablation, rnn="tanh"),
            epoch=record.epoch,
        )
        self.player.feed(seq)

    def is_animating(self) -> bool:
        return (
            self.snapshot.running
            or self.player.playing
            or self.camera.is_moving
            or self.ui.is_animating()
        )

    def close(self) -> None:
        self.compare_with_rnn(False)
        super().close()

    def compare_with_rnn(self, on: bool) -> None:
        """Train a vanilla RNN of the same shape on the same data beside the LSTM, for the
        gradient-through-time contrast (or stop it)."""
        if on and self.rnn_session is None:
            snap = self.session.latest()
            self.rnn_session = TrainingSession(
                snap.config.with_changes(cell="rnn"),
                threaded=self.session.threaded,
                speed=snap.speed,
                playing=True,
            ).start()
        elif not on and self.rnn_session is not None:
            self.rnn_session.close()
            self.rnn_session = None
            self.view.contrast = None

    def _update_contrast(self, dt: float) -> None:
        rnn = self.rnn_session
        if rnn is None:
            return
        if not rnn.threaded:
            rnn.advance(dt)
        record = rnn.latest().shown
        if record is not None and record.trace is not None:
            layers = record.trace.layers
            self.view.contrast = layers[min(self.layer, len(layers) - 1)]

    # -- drawing ---------------------------------------------------------------------------
    def layers(self) -> Layers:
        w, h = self.services.size
        for dl in self.lists.values():
            dl.clear()
        state = self.player.state()
        cards, content = self.lists["cards"], self.lists["content"]
        L = self.layout
        self._header(content, state)
        for rect, title in (
            (L.cell, "Cell — click any part to explain it"),
            (L.plot, "Data"),
            (L.grads, "Gradient through time"),
            (L.steps, "Compute steps"),
            (L.readout, "Arithmetic"),
            (L.strips, "Gate activity over time"),
        ):
            draw_card(cards, content, rect, title, self.theme)
        seq, step = state.sequence, state.step
        t = self.theme
        r = card_inner(L.steps, self.theme)
        draw_step_list(content, seq, step, state.progress, r.x, r.y, r.w, r.h, t, LEVEL_COLOR)
        self._readout(content, state)
        draw_gate_strips(content, card_inner(L.strips, self.theme), t, seq, step, LEVEL_COLOR)
        draw_gradients(
            content, card_inner(L.grads, self.theme), t, seq, step, LEVEL_COLOR, self.view.contrast
        )
        self._plot(content, state)
        self.view.draw(self.lists["world"], self.lists["world_top"], t, state)
        if state.sequence is None:
            cr = self._cell_rect()
            content.text(
                "waiting for the first trace…",
                cr.cx,
                cr.bottom - t.px(20),
                t.body_px,
                t.text_dim,
                anchor="cb",
            )
        self.ui.draw(self.lists["ui"], self.lists["ui_overlay"])
        screen = LayerTransform.screen(w, h)
        cr = self._cell_rect()
        world = LayerTransform.from_camera(self.camera, (w, h), (cr.x, cr.y))
        return [
            (cards, screen),
            (self.lists["world"], world),
            (self.lists["world_top"], world),
            (content, screen),
            (self.lists["ui"], screen),
            (self.lists["ui_overlay"], screen),
        ]

    def _header(self, dl: DrawList, state) -> None:
        t = self.theme
        y = self.layout.header.cy
        x = draw_title(dl, t, y, "LSTM cell", LEVEL_COLOR)
        snap = self.snapshot
        parts = [f"Epoch {snap.epoch}"]
        seq, step = state.sequence, state.step
        if seq is not None and step is not None:
            if seq.epoch is not None and seq.epoch != snap.epoch:
                parts.append(f"showing epoch {seq.epoch}")
            parts.append(f"time step t = {step.t} of {seq.T - 1}")
            parts.append(f"layer {seq.layer + 1}, unit {seq.unit}")
            if state.holding:
                parts.append("holding")
        elif snap.status == "compiling":
            parts.append(f"preparing {snap.progress:.0%}")
        dl.text("  ·  ".join(parts), x, y, t.heading_px, t.text, anchor="lm")

    def _readout(self, dl: DrawList, state) -> None:
        t = self.theme
        r = card_inner(self.layout.readout, self.theme)
        seq, step = state.sequence, state.step
        if seq is None or step is None:
            return
        lines = readout(seq, step)
        size = t.body_px
        layout = dl.text_layout
        # Shrink until the lines fit (the gate step has four long sums).
        for _ in range(5):
            est = sum(
                max(1, int(sum(layout.width(k.text, size) + size * 0.9 for k in line) // r.w) + 1)
                for line in lines
            )
            if (est * 1.75 + 2.2) * size <= r.h:
                break
            size *= 0.9
        y = r.y + size * 0.8
        for line in lines:
            y += draw_tokens(dl, line, r.x, y, size, t, r.right)
        draw_tokens(dl, legend_tokens(), r.x, r.bottom - size * 0.8, size * 0.85, t, r.right)

    def _plot(self, dl: DrawList, state) -> None:
        t = self.theme
        r = card_inner(self.layout.plot, self.theme)
        record = self._seen_record
        prediction = getattr(record, "prediction", None)
        if prediction is None or prediction.kind != "regression":
            return
        n = len(prediction.target)
        step = state.step
        cur = step.t if step is not None else n - 1
        backward = step is not None and step.stage == "backward"
        # Points leave the cell with h_t: after the output step of t.
        done = n if backward else cur + (1 if step is not None and step.stage == "output" else 0)
        legend_h = t.label_px * 1.8
        plot = Rect(r.x + t.px(34), r.y, r.w - t.px(38), r.h - legend_h)
        frame = PlotFrame(plot, (0.0, n - 1.0), (-1.3, 1.3))
        frame.draw_axes(dl, t, x_label="time step")
        xs = np.arange(n, dtype=np.float64)
        if not backward and cur > 0:
            # The grey window: the steps whose inputs built the current state.
            x0, _ = frame.to_px(-0.5, 0)
            x1, _ = frame.to_px(cur - 0.5, 0)
            dl.rect(
                max(x0, plot.x),
                plot.y,
                x1,
                plot.bottom,
                with_alpha(t.text_dim, 0.16),
                radius=t.px(3),
            )
        cx, _ = frame.to_px(cur, 0)
        dl.line(cx, plot.y, cx, plot.bottom, t.px(2.5), LEVEL_COLOR)
        inp = np.asarray(prediction.input, dtype=np.float64)
        frame.polyline(dl, xs, inp, t.px(2), with_alpha(t.text_dim, 0.55))
        frame.dots(dl, xs[: cur + 1], inp[: cur + 1], t.px(3.5), OkabeIto.ORANGE)
        frame.polyline(dl, xs, prediction.target, t.px(2.5), t.text, dash=t.px(8), gap=t.px(6))
        out = np.asarray(prediction.output, dtype=np.float64)
        color = t.series[0]
        if done > 0:
            frame.polyline(dl, xs[:done], out[:done], t.px(3), color)
            frame.dots(dl, xs[:done], out[:done], t.px(4.5), color)
        if backward:
            px, py_out = frame.to_px(xs, out)
            _, py_true = frame.to_px(xs, np.asarray(prediction.target, dtype=np.float64))
            dl.lines(
                np.column_stack([px, py_true, px, py_out]),
                t.px(2.5),
                np.array([OkabeIto.VERMILLION]),
            )
        x, y = plot.x, r.bottom - legend_h * 0.35
        for label, c, dashed in (
            ("input", OkabeIto.ORANGE, False),
            ("truth", t.text, True),
            ("prediction", color, False),
        ):
            dl.line(x, y, x + t.px(18), y, t.px(3), c, dash=t.px(5) if dashed else 0, gap=t.px(3))
            x += t.px(24)
            x += dl.text(label, x, y, t.label_px, t.text_dim, anchor="lm") + t.px(12)
