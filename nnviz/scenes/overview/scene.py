"""The network overview: live LSTM training you can watch and steer.

Left to right as in exploRNN's overview: the input signal flowing in, the network
(one glyph per LSTM layer), the predictions building up. Below: the phase being
animated with its explanation, and the loss curves. On the right: the controls.
Training runs in the session's worker thread on its own clock; this scene only
reads the newest snapshot and plays epochs on the animation clock (see
:class:`~nnviz.anim.epoch_player.EpochPlayer`).

This module wires the parts together; each card draws itself in its own module
(:mod:`.status`, :mod:`.signals`, :mod:`.process`, :mod:`.loss`), the controls are built in
:mod:`.controls` and the diagram lives in :mod:`.network_view`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from nnviz.anim.epoch_player import EpochPlayer
from nnviz.core.drawn import DRAWN
from nnviz.render.camera import Camera2D
from nnviz.render.renderer import LayerTransform
from nnviz.scenes.base import FrameInfo, Layers
from nnviz.scenes.kit.card import Card, card_inner, draw_card, route_event
from nnviz.scenes.kit.control_set import hide_for_touch
from nnviz.scenes.kit.controls import (
    LOOK_INSIDE,
    TrainingActions,
    animation_pause_key,
    follow_history,
)
from nnviz.scenes.kit.edge_fade import fade_scrolled_edges
from nnviz.scenes.kit.keys import KeyBinding
from nnviz.scenes.kit.training_scene import TrainingScene
from nnviz.scenes.overview.controls import OverviewControls, dataset_label
from nnviz.scenes.overview.disc_hints import DiscHints
from nnviz.scenes.overview.drawing import DrawingPad
from nnviz.scenes.overview.layout import CARDS, OverviewLayout
from nnviz.scenes.overview.loss import draw_loss
from nnviz.scenes.overview.network_view import (
    BUTTON_R,
    LABEL,
    MAX_LAYERS,
    SPACING,
    Hit,
    NetworkView,
)
from nnviz.scenes.overview.process import draw_process
from nnviz.scenes.overview.signals import draw_input, draw_predictions
from nnviz.scenes.overview.status import draw_header, draw_message, draw_status
from nnviz.sim import EpochRecord, Snapshot
from nnviz.ui import events as ev
from nnviz.ui.widget import Rect, UIContext, Widget

LIMIT_NOTICE = f"At most {MAX_LAYERS} layers: remove one (×) before adding another."
"""What pressing + at the limit says, so the press does not seem lost."""
NO_LAYER_SELECTED = "No layer is selected: tap a layer, or press ← or →, then look inside it."
NOT_YET_DRAWN = "The network appears once its kernels are compiled; then tap a layer."
"""Why *Look inside* cannot act (its greyed button and the I key say so)."""
NOTICE_SECONDS = 4.0


class OverviewScene(TrainingScene):
    """Live training of a stacked LSTM, animated epoch by epoch."""

    name = "overview"
    title = "Network overview"

    LISTS = ("cards", "content", "world", "world_top", "status", "ui", "ui_overlay")

    def build(self) -> None:
        self.label_fade: dict[int, float] = {}
        """Layer index → opacity of its glyph's labels (the explorer fades them as the cell
        inside comes into view)."""
        self.player: EpochPlayer[EpochRecord] = EpochPlayer()
        self.input_time = 0.0
        """Animation time of the input card's drift: it follows the clock while an epoch
        plays and rests with the epoch, so a finished, paused picture is still."""
        self.network = NetworkView()
        self._network_moving = False
        self.disc_hints = DiscHints()
        self.card = self.network_card = Card(
            "Network",
            camera=Camera2D(viewport=self.services.size, home_bounds=self.network.bounds()),
            on_tap=self._tap,
            on_hover=self._hover,
        )
        self.layout = OverviewLayout.compute(*self.services.size, self.theme)
        self._seen_serial = -1
        self.notice = ""
        self.notice_left = 0.0
        """Seconds the notice stays on screen."""
        self.on_zoom: Callable[[int], None] | None = None
        """Called with a layer index when a person taps a layer (the explorer zooms in)."""
        self.controls = OverviewControls(
            self.settings,
            TrainingActions(
                toggle_training=self.toggle_training,
                step_epoch=self.session.step_epoch,
                restart=self.reset,
                new_weights=self.new_weights,
                seek=self._seek,
                go_live=self._go_live,
                resume=self._resume,
            ),
        )
        c = self.controls
        # A touch exhibit: the essentials only (see kit.control_set).
        hide_for_touch(self.services.mode, c.max_speed, c.lockstep, c.anim_speed, c.history,
                       c.live_button, c.resume_button, c.batch, c.noise, c.optimizer)
        self.look_inside_button = LOOK_INSIDE.build(self.look_inside, self.why_not_look_inside)
        self.settings.dataset.on_set(lambda _: self._restart_player())
        # Choosing (or leaving) the drawn data set brings its canvas in (or out).
        self.settings.dataset.watch(lambda _: self.resize(*self.services.size))
        self.drawing = DrawingPad(self._train_on_drawing, self._say)
        """The input card as a canvas while the drawn data set is chosen."""
        self._add_controls()

    # -- controls ------------------------------------------------------------------------
    def _add_controls(self) -> None:
        c = self.controls
        self.ui.add(c.panel, place=lambda w, h, ctx: self.layout.controls)
        self.ui.add(c.settings, place=lambda w, h, ctx: self.layout.settings)
        self.card_info_buttons = c.card_infos()
        for key, button in self.card_info_buttons.items():
            button.tooltip_above = True  # a title row's: below it is the card's content
            self.ui.add(button, place=self._info_placer(key))
        self.ui.add(c.log_scale, place=self._log_toggle_placer)
        self.home_button = self.add_home_button(
            "network", self.network_card, lambda: self._frame_network(animate=True), slot=1
        )
        button = self.look_inside_button
        # Left of the card's ⓘ and of its ⌂ (shown once the view has moved): it never jumps.
        place = self._title_button_placer("network", "Network", button, beside=2)
        self.ui.add(button, place=place)

    def _log_toggle_placer(self, width: float, height: float, ctx: UIContext) -> Rect:
        """The loss card's log-scale switch: left of its ⓘ when the title leaves room
        there, else on a line of its own below the title (large type, a narrow card)."""
        r = self.layout.loss
        t = ctx.theme
        size, pad = t.control_px, t.padding_px
        w = max(t.px(110), self.controls.log_scale.min_width(ctx))
        title_w = ctx.text.width("Loss", t.heading_px, "bold")
        if pad + title_w + t.spacing_px + w + pad + size <= r.w:
            return Rect(r.right - size - w - pad, r.y + pad * 0.3, w, size)
        return Rect(r.right - w - pad, card_inner(r, t).y, w, size)

    def _loss_inner(self) -> Rect:
        """The loss plot's area: the card's, less the switch's line when it has one."""
        inner = card_inner(self.layout.loss, self.theme)
        switch = self.controls.log_scale.rect
        if switch.y >= inner.y - 1.0:
            below = switch.bottom + self.theme.px(4)
            return Rect(inner.x, below, inner.w, inner.bottom - below)
        return inner

    # -- actions -------------------------------------------------------------------------
    def _restart_player(self) -> None:
        self.player = EpochPlayer()

    def reset(self) -> None:
        """*Restart*: the same initial weights, so the run repeats."""
        self.session.restart()
        self._restart_player()

    def new_weights(self) -> None:
        """Start over from new random weights."""
        self.session.new_weights()
        self._restart_player()

    def _seek(self, value: float) -> None:
        self.session.seek(int(value))

    def _go_live(self) -> None:
        self.session.seek(None)

    def _resume(self) -> None:
        snap = self.snapshot
        if snap.viewing is not None:
            self.session.resume_from(snap.viewing)

    def _train_on_drawing(self, curve: tuple[float, ...]) -> None:
        """A readable stroke: train on it from fresh weights."""
        self.session.train_on_drawing(curve)
        self._restart_player()
        self.notice_left = 0.0

    def _say(self, message: str) -> None:
        """A notice over the network card for a few seconds (why nothing happened)."""
        self.notice = message
        self.notice_left = NOTICE_SECONDS

    def add_layer(self, index: int) -> None:
        if len(self.network.live()) < MAX_LAYERS:
            units = self.settings.hidden.value
            self.network.insert(index, units)
            self.session.add_layer(index, units)
        else:  # say why nothing happened
            self._say(LIMIT_NOTICE)

    def remove_layer(self, index: int) -> None:
        if len(self.network.live()) > 1:
            self.network.remove(index)
            self.session.remove_layer(index)

    def _activate(self, hit: Hit) -> None:
        """A tap on the diagram: a layer is selected by the first tap and entered by a tap
        on the selected one; the + and × marks add and remove layers."""
        if hit.kind == "layer":
            if hit.index == self.network.selected:
                self.look_inside()
            self.network.selected = hit.index
        elif hit.kind == "add":
            self.add_layer(hit.index)
        elif hit.kind == "remove":
            self.remove_layer(hit.index)

    def _hit(self, x: float, y: float) -> Hit | None:
        """What of the diagram is under screen point ``(x, y)``."""
        point = self.network_card.world_at(x, y)
        return self.network.hit(*point) if point is not None else None

    def _tap(self, x: float, y: float) -> None:
        hit = self._hit(x, y)
        if hit is not None:
            self._activate(hit)
        else:  # a tap on empty space clears the selection, as in any drawing program
            self.network.selected = None

    def _hover(self, point: tuple[float, float] | None) -> None:
        self.network.hover = self.network.hit(*point) if point is not None else None

    # -- layout --------------------------------------------------------------------------
    def lay_out(self) -> None:
        size, t = self.services.size, self.theme
        drawn = self.settings.dataset.value == DRAWN  # the Input card is its canvas
        self.layout = OverviewLayout.compute(*size, t, keep_input=drawn)
        # The settings card grows (the upper row gives up some height) before anything
        # else is hidden or shrunk to make its controls fit.
        need = self.panel_height(self.controls.settings, self.layout.settings.w)
        if need > self.layout.settings.h:
            self.layout = OverviewLayout.compute(*size, t, lower_min=need, keep_input=drawn)
        for key, button in self.card_info_buttons.items():
            button.visible = self.layout.shown(key)
        self.network_card.place(self.layout.network, t)
        self.drawing.place(self.layout.input)

    def fitted_panels(self) -> Iterable[tuple[Widget, Rect]]:
        return ((self.controls.panel, self.layout.controls),
                (self.controls.settings, self.layout.settings))  # fmt: skip

    def after_layout(self) -> None:
        self._clear_of_title_button()
        self._frame_network(animate=False)

    def _clear_of_title_button(self) -> None:
        """A narrow network card puts *Look inside* on a line below its title: the
        diagram is then framed below the button, never under it."""
        button, card = self.look_inside_button, self.network_card
        if not button.visible or button.rect.bottom <= card.view.y:
            return
        top = button.rect.bottom + self.theme.px(4)
        v = card.view
        card.view = Rect(v.x, top, v.w, max(v.bottom - top, 1.0))

    def _frame_network(self, animate: bool) -> None:
        """Show the diagram with its names at the theme's smallest type at least: the
        whole of it when it is short enough, else the part around the selected layer."""
        pad, view = self.theme.px(8), self.network_card.view
        room = (view.w - 2 * pad, view.h - 2 * pad)
        shown = self.network.framed(room, self.theme.small_px / LABEL)
        self.network_card.frame(shown, pad, animate=animate)

    def _legible_network(self) -> None:
        """Tell the diagram the camera's zoom: its smallest legible type and the radius
        that makes the + and × a finger's target (the mode's, scaled with the height)."""
        camera = self.network_card.camera
        zoom = max(camera.zoom, 1e-6)
        x0, _, x1, _ = camera.visible_world_rect()
        self.network.visible = (x0, x1)
        self.network.min_text = self.theme.small_px / zoom
        target = self.services.mode.min_target_px * self.services.size[1] / 1080.0
        self.network.button_r = max(BUTTON_R, 0.5 * target / zoom)

    def network_transform(self) -> LayerTransform:
        """The diagram's world as drawn now: the camera, clipped to the network card."""
        return self.network_card.transform(self.services.size, clip=True)

    # -- events --------------------------------------------------------------------------
    def handle(self, event: ev.Event) -> bool:
        return route_event(event, self.ui, self.on_key, self.card, self.drawing.handle)

    def key_bindings(self) -> list[KeyBinding]:
        net = self.network
        keys = [
            KeyBinding(("space",), "play / pause training", self.toggle_training),
            # PageDown / PageUp: a presenter remote's "next" and "back".
            KeyBinding(("return", "pagedown"), "train one epoch", self.session.step_epoch),
            KeyBinding(("pageup",), "back one epoch in the history", self.back_one_epoch),
            KeyBinding(("l",), "back to live training", self._go_live),
            animation_pause_key(self.settings.anim_paused),
            KeyBinding(("left",), "select the layer to the left",
                       lambda: self.select_layer(self._selected_or(len(net.live())) - 1)),
            KeyBinding(("right",), "select the layer to the right",
                       lambda: self.select_layer(self._selected_or(-1) + 1)),
            KeyBinding(("plus",), "add a layer after the selected one (or at the end)",
                       lambda: self.add_layer(self._selected_or(len(net.live()) - 1) + 1)),
            KeyBinding(("minus",), "remove the selected layer", self._remove_selected),
            KeyBinding(("backspace",), "restart (the same initial weights)", self.reset),
            KeyBinding(("n",), "start over with new random weights", self.new_weights),
            KeyBinding(("home",), "fit the network into its card",
                       lambda: self._frame_network(animate=True)),
        ]
        if self.on_zoom is not None:
            inside = KeyBinding(("i",), LOOK_INSIDE.key_help(), self.look_inside)
            keys.insert(1, inside)
        return keys

    def select_layer(self, index: int) -> None:
        self.network.selected = min(max(index, 0), max(len(self.network.live()) - 1, 0))
        self._frame_network(animate=True)  # a long network's card follows the selection

    def _selected_or(self, default: int) -> int:
        """The selected layer's index, or ``default`` when none is selected."""
        selected = self.network.selected
        return default if selected is None else selected

    def _remove_selected(self) -> None:
        if self.network.selected is not None:
            self.remove_layer(self.network.selected)

    def why_not_look_inside(self) -> str | None:
        """Why *Look inside* cannot act now (None when it can)."""
        if self.snapshot.status == "compiling":
            return NOT_YET_DRAWN
        selected = self.network.selected
        if selected is None or not 0 <= selected < len(self.network.live()):
            return NO_LAYER_SELECTED
        return None

    def look_inside(self) -> None:
        """Dive into the selected layer (the explorer's camera move); says why not when
        nothing is selected."""
        reason = self.why_not_look_inside()
        if reason is not None:
            self.notice, self.notice_left = reason, NOTICE_SECONDS
        elif self.on_zoom is not None and self.network.selected is not None:
            self.on_zoom(self.network.selected)

    def back_one_epoch(self) -> None:
        """Show the epoch before the one on screen, from the history."""
        snap = self.snapshot
        shown = snap.viewing if snap.viewing is not None else snap.history_last
        if snap.history_first >= 0 and shown - 1 >= snap.history_first:
            self.session.seek(shown - 1)

    # -- time ----------------------------------------------------------------------------
    def update(self, frame: FrameInfo) -> None:
        snap = self.poll_session(frame.dt)
        if snap.serial != self._seen_serial:
            self._seen_serial = snap.serial
            self._on_snapshot(snap)
        finished = self.player.update(frame.anim_dt)
        if self.player.playing:
            self.input_time = frame.anim_time
        if finished is not None and snap.lockstep:
            self.session.animation_done(finished)
        self._network_moving = self.network.update(frame.anim_dt if frame.anim_dt > 0
                                                   else frame.dt)  # fmt: skip
        self.disc_hints.update(self.network.hover, frame.dt)
        if self._network_moving:
            self._frame_network(animate=False)
        self.camera.update(frame.dt)
        self.ui.update(frame.dt)
        self.notice_left = max(0.0, self.notice_left - frame.dt)
        self.drawing.enabled = self.settings.dataset.value == DRAWN
        if not self.drawing.enabled:
            self.drawing.cancel()
        c = self.controls
        c.play_button.icon = "pause" if snap.running else "play"
        c.speed.enabled = not self.settings.max_speed.value
        c.resume_button.enabled = snap.viewing is not None
        c.live_button.enabled = snap.viewing is not None
        # Only the explorer has a cell to dive into.
        self.look_inside_button.visible = self.on_zoom is not None

    def _on_snapshot(self, snap: Snapshot) -> None:
        self.network.sync(tuple(snap.layer_sizes[1:-1]) or snap.config.hidden)
        follow_history(self.controls.history, snap.history_first, snap.history_last,
                       live=snap.viewing is None)  # fmt: skip
        if snap.viewing is not None and snap.view_record is not None:
            if self.player.current is not snap.view_record:
                self.player.show(snap.view_record, snap.view_record.epoch)
        elif snap.record is not None:
            self.player.offer(snap.record, snap.record.epoch, snap.epochs_total)

    def is_animating(self) -> bool:
        snap = self.snapshot
        return (
            snap.running
            or snap.status == "compiling"
            or (self.player.playing and self.services.anim_clock.moving)
            or self.camera.is_moving
            or self._network_moving  # a layer added or removed glides into place
            or self.disc_hints.pending
            or self.ui.is_animating()
        )

    def train_flat_out(self) -> bool:
        self.settings.max_speed.set(True)
        return True

    # -- drawing -------------------------------------------------------------------------
    def layers(self) -> Layers:
        w, h = self.services.size
        for dl in self.lists.values():
            dl.clear()
        t = self.theme
        snap = self.snapshot
        state = self.player.state()
        record = self.player.current
        prediction = record.prediction if record is not None else None
        cards, content = self.lists["cards"], self.lists["content"]
        L = self.layout
        draw_header(content, t, L.header.cy, snap, state, self.status_right(),
                    phase=not L.shown("process"))  # fmt: skip
        for key, title in CARDS:
            if L.shown(key):
                draw_card(cards, content, getattr(L, key), title, t, info=True)
        time = self.services.anim_clock.time
        if L.shown("input"):
            plot, hint = self.drawing.areas(card_inner(L.input, t), t)
            if not self.drawing.drawing:
                draw_input(content, t, plot, prediction, self.input_time)
            self.drawing.draw(content, t, hint)
        draw_predictions(content, t, card_inner(L.predictions, t), prediction, state)
        text_data = prediction is not None and prediction.kind == "text"
        if L.shown("process"):
            draw_process(content, t, card_inner(L.process, t), state, text_data)
        draw_loss(content, t, self._loss_inner(), snap, self.controls.log_scale.value)
        self.network.cell = "RNN" if snap.config.cell == "rnn" else "LSTM"
        self._legible_network()
        if snap.status != "compiling":
            self.network.draw(
                self.lists["world"],
                self.lists["world_top"],
                t,
                phase=state.phase,
                level_color=t.roles.overview_level,
                input_label=dataset_label(snap.config.dataset),
                output_label="prediction",
                label_fade=self.label_fade,
            )
        camera = self.network_card.camera
        x0, _, x1, _ = camera.visible_world_rect()
        left, _, right, _ = self.network.bounds()
        fade_scrolled_edges(self.lists["status"], t, self.network_card.view, (x0, x1),
                            (left, right), 0.3 * SPACING * camera.zoom)  # fmt: skip
        draw_status(self.lists["status"], t, card_inner(L.network, t), snap, time)
        if self.notice_left > 0 and snap.status not in ("diverged", "error", "compiling"):
            draw_message(self.lists["status"], t, card_inner(L.network, t), "", self.notice,
                         t.text_dim)  # fmt: skip
        self.ui.draw(self.lists["ui"], self.lists["ui_overlay"])
        self.disc_hints.draw(self.lists["ui_overlay"], t, self.ui.context(), self.network_card,
                             self.network)  # fmt: skip
        self.draw_keys(self.lists["ui_overlay"])
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
