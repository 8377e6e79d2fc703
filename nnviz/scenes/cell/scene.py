"""The LSTM cell scene (``--scene cell``): one cell of the live network, compute step by
compute step, as in exploRNN's cell view.

Top left the cell (:class:`~nnviz.scenes.cell.view.CellView`) in a camera card you can zoom
and pan; beside it the data plot, synchronised with the step player (points appear as they
leave the cell, a grey window covers the steps that built the state) but not wired to the
cell, and the gradient through time. Below: the compute steps with the current sentence,
the colour-coded arithmetic of the current step, and the gate activity over time. Right:
the controls. Where the theme's type would not fit the diagram so (the projector), the
cell takes the height and the width its type needs and the controls and the other cards
take turns in one slot at the right (:class:`~nnviz.scenes.kit.slot.SharedSlot`).
Training runs in the session (a worker thread; synchronous in headless runs so
screenshots are reproducible) while the cell shows the newest trace or holds one.

This module wires the parts together; the cards draw themselves in their own modules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from nnviz.core import LSTMAblation
from nnviz.render.camera import Camera2D
from nnviz.render.renderer import LayerTransform
from nnviz.scenes.base import FrameInfo, Layers
from nnviz.scenes.cell.arithmetic import draw_arithmetic
from nnviz.scenes.cell.compare import RnnComparison
from nnviz.scenes.cell.controls import CellActions, CellControls
from nnviz.scenes.cell.data_plot import draw_data_plot
from nnviz.scenes.cell.layout import (
    CARDS,
    CELL_HEAD_ROOM,
    SHARED,
    SHORT_TITLES,
    SLOT_TITLES,
    TARGETS,
    CellLayout,
)
from nnviz.scenes.cell.status import draw_header, draw_trapped
from nnviz.scenes.cell.steps import (
    CellActivations,
    CellPlayerState,
    CellSequence,
    CellStepPlayer,
)
from nnviz.scenes.cell.strips import draw_gate_strips, draw_gradients
from nnviz.scenes.cell.text import draw_step_list
from nnviz.scenes.cell.view import CellView
from nnviz.scenes.kit.card import Card, card_inner, draw_card
from nnviz.scenes.kit.control_set import hide_for_touch
from nnviz.scenes.kit.controls import BACK_TO_NETWORK, animation_pause_key
from nnviz.scenes.kit.keys import KeyBinding
from nnviz.scenes.kit.slot import SharedSlot
from nnviz.scenes.kit.switcher import explorer_link
from nnviz.scenes.kit.training_scene import TrainingScene
from nnviz.sim import EpochRecord, TrainingSession
from nnviz.ui import events as ev
from nnviz.ui.audit import type_floor
from nnviz.ui.widget import Rect, UIContext, Widget
from nnviz.ui.widgets import Popover

CELL_LISTS = ("world", "world_top")
"""The lists of the cell diagram, redrawn only when it changes (see ``_draw_cell``)."""


class CellScene(TrainingScene):
    """A live LSTM cell, animated compute step by compute step."""

    name = "cell"
    title = "LSTM cell"

    LISTS = ("cards", "content", "world", "world_top", "ui", "ui_overlay")

    def build(self) -> None:
        self.player = CellStepPlayer()
        self.view = CellView()
        self.layer = 0
        self.unit = 0
        self.card = self.cell_card = Card(
            camera=Camera2D(viewport=self.services.size, home_bounds=self.view.bounds()),
            head_room=CELL_HEAD_ROOM,
            zoom_base=1.1,
            on_tap=self._tap,
            on_hover=self._hover,
        )
        self.slot = SharedSlot(SHARED, SLOT_TITLES, self._slot_changed)
        """Which card the compact layout's slot shows, and its menu."""
        self.layout = CellLayout.compute(*self.services.size, self.theme, front=self.slot.front)
        self._cell_drawn: tuple[tuple, tuple] | None = None
        """What the cell lists hold: (objects compared by identity, values compared by
        equality), see :meth:`_draw_cell`."""
        self._seen_record: EpochRecord | None = None
        self._records: list[EpochRecord] = []
        """The records of the traces on screen and waiting (the data plot draws the
        prediction of the one on screen)."""
        self.comparison = RnnComparison()
        self.on_leave: Callable[[], None] | None = None
        """Called on Esc or a tap outside the cell: the explorer zooms back out."""
        p = self.player
        self.controls = CellControls(
            self.settings,
            CellActions(
                toggle_animation=self.toggle_animation,
                step_compute=p.step_compute,
                step_time=p.step_time,
                skip_to_output=p.skip_to_output,
                skip_to_backward=p.skip_to_backward,
                hold=lambda index: p.hold(index == 1),
                restart=self._set_restart,
                unit=self._set_unit,
                toggle_training=self.toggle_training,
                step_epoch=self.session.step_epoch,
                reset=self.reset,
                new_weights=self.new_weights,
                compare=self.compare_with_rnn,
                open_sheet=explorer_link(self.services.navigation, "sheet"),
            ),
        )
        c = self.controls
        # A touch exhibit: the animation, training and the gates (see kit.control_set).
        hide_for_touch(self.services.mode, c.anim_speed, c.follow, c.restart, c.unit_slider,
                       c.restart_button, c.new_weights_button, c.compare_rnn, c.gate_fn,
                       c.candidate)
        self.ui.add(self.controls.panel, place=lambda w, h, ctx: self.layout.controls)
        self.ui.add(self.slot.menu, place=self._place_menu)
        self.home_button = self.add_home_button("cell", self.cell_card,
                                                lambda: self.frame_cell(animate=True), 0)
        self.controls.sections.on_switch = lambda: self.resize(*self.services.size)
        self.back_button = BACK_TO_NETWORK.build(self.leave)
        self.back_button.visible = False  # until there is a network to go back to
        # Left of the ⌂ (slot 0 of the title row, shown while the camera is away from
        # home): placed over it, the ⌂'s roof had poked through "network".
        self._place_back = self._title_button_placer(
            "cell", CARDS[0][1], self.back_button, beside=1, short=SHORT_TITLES["cell"]
        )
        self.ui.add(self.back_button, place=self._place_back)

    # -- state ---------------------------------------------------------------------------
    @property
    def ablation(self) -> LSTMAblation:
        """The cell's parts as the controls set them."""
        return self.settings.ablation()

    @property
    def rnn_session(self) -> TrainingSession | None:
        """The vanilla RNN trained beside the LSTM while comparing, else None."""
        return self.comparison.session

    # -- actions -------------------------------------------------------------------------
    def toggle_animation(self) -> None:
        self.player.toggle()

    def reset(self) -> None:
        """*Restart*: the same initial weights, so the run repeats."""
        self._start_over(self.session.restart)

    def new_weights(self) -> None:
        """Start over from new random weights."""
        self._start_over(self.session.new_weights)

    def _start_over(self, command: Callable[[], None]) -> None:
        command()
        self.player.reset()
        self._seen_record = None
        self._records = []

    def _set_restart(self, on: bool) -> None:
        self.player.set_restart(on)

    def _set_unit(self, value: float) -> None:
        self.unit = int(value)
        self._refeed()

    def _refeed(self) -> None:
        """Rebuild the current sequence (and a waiting one) for another unit or layer,
        keeping the step."""
        seq = self.player.sequence
        if seq is not None:
            pending = self.player.pending
            waiting = None if pending is None else self._focused(pending)
            self.player.swap(self._focused(seq), waiting)

    def _focused(self, seq: CellSequence) -> CellSequence:
        """``seq``'s trace seen at the selected layer and unit."""
        layer = min(self.layer, len(seq.trace.layers) - 1)
        unit = min(self.unit, seq.trace.layers[layer].h.shape[1] - 1)
        return CellSequence(seq.trace, layer, unit, seq.params, seq.activations, seq.epoch)

    def show_layer(self, index: int) -> None:
        """Show layer ``index`` of the network (the one the explorer zoomed into)."""
        if index != self.layer:
            self.layer = index
            self._refeed()

    def compare_with_rnn(self, on: bool) -> None:
        """Train a vanilla RNN of the same shape on the same data beside the LSTM, for the
        gradient-through-time contrast (or stop it)."""
        if on:
            self.comparison.start(self.session)
            self.show_card("grads")  # where the RNN's gradient shows
        else:
            self.comparison.stop()
            self.view.contrast = None

    def open_node(self, node: str | None) -> None:
        """Show the ⓘ explanation of ``node`` (with its current numbers) next to it."""
        self.view.selected_node = node
        if node is None:
            return
        title, text, formula = self.view.explain(node, self.player.state())
        x, y, r = self.view.extent(node)
        sx, sy = self.cell_card.to_screen(x, y)
        size = self.camera.world_to_screen_length(r)
        anchor = Widget()
        anchor.rect = Rect(sx - size, sy - size, 2 * size, 2 * size)
        self.ui.close_overlays()
        self.ui.open_overlay(Popover(title, text, formula=formula, owner=anchor))

    def show_card(self, key: str) -> bool:
        """Bring card ``key`` (a layout field) on screen: the compact layout's slot
        switches to it (a no-op for a card already shown); False for one the scene lacks."""
        if not isinstance(getattr(self.layout, key, None), Rect):
            return False
        return self.layout.shown(key) or self.slot.show(key)

    def target_rect(self, target: str) -> tuple[float, float, float, float] | None:
        """The cell card or a card of :data:`TARGETS`; a card waiting its turn in the
        compact slot comes to the front first (a lesson's spotlight shows it)."""
        key = "cell" if target == "cell" else TARGETS.get(target)
        if key is not None:
            self.show_card(key)
        return self.shown_rect(target)

    def shown_rect(self, target: str) -> tuple[float, float, float, float] | None:
        """As :meth:`target_rect`, but None for a card waiting its turn, which stays
        waiting (the presenter's tools ask which card is under the pointer)."""
        key = "cell" if target == "cell" else TARGETS.get(target)
        if key is None or not self.layout.shown(key):
            return None
        r: Rect = getattr(self.layout, key)
        return (r.x, r.y, r.w, r.h)

    # -- layout --------------------------------------------------------------------------
    def lay_out(self) -> None:
        self.layout = L = CellLayout.compute(*self.services.size, self.theme,
                                             front=self.slot.front)  # fmt: skip
        self.slot.follow(L.shared, L.front)
        self.controls.panel.visible = L.shown("controls")
        self.cell_card.head_room = self._cell_head_room()
        self.cell_card.place(L.cell, self.theme)

    def _back_room(self) -> float:
        """Pixels the way back takes from the right of the cell card's title row (none
        when it is hidden or sits below the row)."""
        button = self.back_button
        if not button.visible or button.rect.y > self.layout.cell.y + self.theme.padding_px:
            return 0.0
        return self.layout.cell.right - button.rect.x

    def _cell_head_room(self) -> float:
        """Room above the diagram, in heading sizes: the title's, and the way back's (a
        touch target, taller than the title; below the title where the row has no room
        beside it). Framed under the title only, the diagram's top right (c_t, the layer
        above) lay under the button."""
        if self.on_leave is None:  # no network to go back to: no button
            return CELL_HEAD_ROOM
        card, t = self.layout.cell, self.theme
        button = self._place_back(*self.services.size, self.ui.context())
        return max(CELL_HEAD_ROOM, (button.bottom + t.padding_px * 0.5 - card.y) / t.heading_px)

    def fitted_panels(self) -> Iterable[tuple[Widget, Rect]]:
        if not self.layout.shown("controls"):  # its turn in the compact slot
            return ()
        return ((self.controls.panel, self.layout.controls),)

    def _slot_changed(self) -> None:
        """Another card in the slot: lay out again, the cell's camera kept where a person
        moved it (the cell card keeps its place)."""
        moved = None if self.cell_card.at_home() else self.camera.target
        self.resize(*self.services.size)
        if moved is not None:
            self.camera.look_at(*moved)

    def _place_menu(self, width: float, height: float, ctx: UIContext) -> Rect:
        """The slot's menu: at the left of the slot's title row (nowhere when not
        compact)."""
        r, t = self.layout.slot, ctx.theme
        pad = t.padding_px  # (the cards' drawing areas start below it, see _inner)
        room = max(min(r.w - pad, self.slot.widest(ctx)), 1.0)
        return Rect(r.x + pad * 0.5, r.y + pad * 0.3, room, t.control_px)

    def _inner(self, key: str) -> Rect:
        """Card ``key``'s drawing area: below its title, or in the slot below the menu
        (a control, taller than a title)."""
        r, t = card_inner(getattr(self.layout, key), self.theme), self.theme
        if key not in self.layout.shared:
            return r
        top = self.layout.slot.y + t.padding_px * 1.05 + t.control_px
        return Rect(r.x, max(r.y, top), r.w, r.bottom - max(r.y, top))

    def title_bar(self) -> tuple[Rect, float, float]:
        """The compact slot starts below the title bar: the bar spans the window."""
        header, left, right = super().title_bar()
        if "controls" in self.layout.shared:  # no control column beside the bar
            right = self.layout.slot.right - self.theme.spacing_px * 0.5
        return header, left, right

    def compact_controls(self, on: bool) -> bool:
        return self.controls.sections.set_compact(on)

    def after_layout(self) -> None:
        self.frame_cell(animate=False)

    def frame_cell(self, animate: bool) -> None:
        """Fit the whole cell drawing into its card, and its type to the screen: no word
        of the framed diagram below the theme's smallest legible size."""
        bounds, padding = self.view.bounds(), self.theme.px(4)
        self.cell_card.frame(bounds, padding, animate=animate)
        zoom = self.camera.frame_rect(bounds, padding)[1]
        floor = max(self.theme.small_px, type_floor(self.theme, self.services.size[1]))
        self.view.fit_type(floor / zoom)

    # -- events --------------------------------------------------------------------------
    def _node_at(self, x: float, y: float) -> str | None:
        point = self.cell_card.world_at(x, y)
        return self.view.hit(*point) if point is not None else None

    def _hover(self, point: tuple[float, float] | None) -> None:
        self.view.hover = self.view.hit(*point) if point is not None else None

    def _tap(self, x: float, y: float) -> None:
        node = self._node_at(x, y)
        if node is None and self.on_leave is not None and self._beside_cell(x, y):
            self.on_leave()
        else:
            self.open_node(node)

    def _beside_cell(self, x: float, y: float) -> bool:
        """Whether a tap landed beside the cell drawing (in its card, or elsewhere)."""
        x0, y0, x1, y1 = self.view.bounds()
        wx, wy = self.cell_card.to_world(x, y)
        return not (x0 <= wx <= x1 and y0 <= wy <= y1)

    def key_bindings(self) -> list[KeyBinding]:
        p = self.player
        keys = [
            KeyBinding(("space",), "play / pause the cell animation", self.toggle_animation),
            animation_pause_key(self.settings.anim_paused),
            # PageDown / PageUp: a presenter remote's "next" and "back".
            KeyBinding(("right", "pagedown"), "next compute step", p.step_compute),
            KeyBinding(("shift+right",), "next time step", p.step_time),
            KeyBinding(("left", "pageup"), "previous compute step",
                       lambda: p.seek(max(p.index - 1, 0))),
            KeyBinding(("o",), "skip to the output", p.skip_to_output),
            KeyBinding(("b",), "skip to backpropagation", p.skip_to_backward),
            KeyBinding(("home",), "fit the cell into its card",
                       lambda: self.frame_cell(animate=True)),
            KeyBinding(("plus",), "zoom the cell in", lambda: self.cell_card.zoom_step(1)),
            KeyBinding(("minus",), "zoom the cell out", lambda: self.cell_card.zoom_step(-1)),
            KeyBinding(("v",), "large type: the next of the cards sharing a place",
                       self.slot.next),
        ]
        if self.on_leave is not None:
            # Popovers were closed by the UI first.
            keys.append(KeyBinding(("escape",), BACK_TO_NETWORK.key_help(), self.on_leave))
        return keys

    def leave(self) -> None:
        """Fly back out to the network (what Esc does), when there is one."""
        if self.on_leave is not None:
            self.on_leave()

    def on_key(self, event: ev.KeyDown) -> bool:
        # A lone cell scene keeps Esc to itself (it has nowhere to fly back to).
        return super().on_key(event) or event.key == "escape"

    # -- time ----------------------------------------------------------------------------
    def update(self, frame: FrameInfo) -> None:
        snap = self.poll_session(frame.dt)
        record = snap.shown
        if record is not None and record is not self._seen_record and record.trace is not None:
            self._seen_record = record
            # A history view, a new shape or other cell parts were chosen by a person:
            # shown at once, at the same step.
            self._feed(record, now=snap.viewing is not None or self._rebuilt(record))
        # Paused training brings no newer trace: the pass ends instead of starting over.
        self.player.loop = snap.running
        self.player.update(frame.anim_dt)
        self._records = [r for r in self._records if self._in_use(r)]
        contrast = self.comparison.layer(frame.dt, self.layer)
        if contrast is not None:
            self.view.contrast = contrast
        self.camera.update(frame.dt)
        self.ui.update(frame.dt)
        self.controls.anim_play.icon = "pause" if self.player.playing else "play"
        self.controls.train_play.icon = "pause" if snap.running else "play"
        self.back_button.visible = self.on_leave is not None

    def _rebuilt(self, record: EpochRecord) -> bool:
        """Whether ``record``'s network has other layers, units or cell parts than the one
        on screen."""
        seq = self.player.sequence
        if seq is None or record.trace is None:
            return False
        shape = [layer.h.shape[1] for layer in record.trace.layers]
        return shape != [layer.h.shape[1] for layer in seq.trace.layers] or (
            self._activations(record) != seq.activations
        )

    @staticmethod
    def _activations(record: EpochRecord) -> CellActivations:
        return CellActivations.of(record.config.ablation, rnn="tanh")

    def _in_use(self, record: EpochRecord) -> bool:
        traces = [s.trace for s in (self.player.sequence, self.player.pending) if s is not None]
        return any(record.trace is trace for trace in traces)

    def _shown_record(self) -> EpochRecord | None:
        """The record of the trace on screen (an older one while a pass plays out)."""
        seq = self.player.sequence
        return next((r for r in self._records if seq is not None and r.trace is seq.trace), None)

    def _feed(self, record: EpochRecord, *, now: bool = False) -> None:
        trace = record.trace
        assert trace is not None
        layer = min(self.layer, len(trace.layers) - 1)
        units = trace.layers[layer].h.shape[1]
        # The selector never offers a unit the shown trace does not have.
        self.unit = min(self.unit, units - 1)
        slider = self.controls.unit_slider
        slider.maximum = float(max(units - 1, 1))
        slider.set_value(float(self.unit), notify=False)
        seq = CellSequence(
            trace,
            layer,
            self.unit,
            # The trace's own weights: never the live ones of another epoch or shape.
            params=record.params,
            activations=self._activations(record),
            epoch=record.epoch,
        )
        self._records.append(record)
        self.player.feed(seq, now=now)

    def is_animating(self) -> bool:
        return (
            self.snapshot.running
            or (self.player.playing and self.services.anim_clock.moving)
            or self.camera.is_moving
            or self.ui.is_animating()
        )

    def close(self) -> None:
        self.compare_with_rnn(False)
        super().close()

    # -- drawing -------------------------------------------------------------------------
    def _draw_cell(self, state: CellPlayerState) -> None:
        """Draw the cell diagram into its lists, unless they hold this very picture: it
        changes with the compute step, the hover, the type and the theme, not with the
        frame (its dashes flow on the renderer's clock), so most frames rebuild nothing."""
        world, top = (self.lists[name] for name in CELL_LISTS)
        v = self.view
        same = (state.sequence, state.step, self.theme)
        # Everything else the view reads: an ended pass draws its dashes still.
        equal = (v.hover, v.selected_node, v.type, v.kind, state.finished,
                 world.text_layout.atlas.version)  # fmt: skip
        drawn = self._cell_drawn
        if drawn is not None and drawn[1] == equal and all(
            a is b for a, b in zip(drawn[0], same, strict=True)
        ):
            return
        world.clear()
        top.clear()
        v.draw(world, top, self.theme, state)
        self._cell_drawn = (same, equal)

    def layers(self) -> Layers:
        w, h = self.services.size
        for name, dl in self.lists.items():
            if name not in CELL_LISTS:  # kept while they hold this very picture
                dl.clear()
        t = self.theme
        state = self.player.state()
        cards, content = self.lists["cards"], self.lists["content"]
        L = self.layout
        draw_header(content, t, L.header.cy, self.snapshot, state, self.status_right())
        for key, title in CARDS:
            if L.shown(key):  # the shared slot's menu names the card in it
                reserve = self._back_room() if key == "cell" else 0.0
                draw_card(cards, content, getattr(L, key), "" if key in L.shared else title, t,
                          short=SHORT_TITLES.get(key, ""), reserve=reserve)  # fmt: skip
        seq, step = state.sequence, state.step
        level = t.roles.cell_level
        if L.shown("steps"):
            r = self._inner("steps")
            draw_step_list(content, seq, step, state.progress, r.x, r.y, r.w, r.h, t, level)
        if L.shown("readout"):
            draw_arithmetic(content, t, self._inner("readout"), state)
        if L.shown("strips"):
            draw_gate_strips(content, self._inner("strips"), t, seq, step, level,
                             self.view.pictures)  # fmt: skip
        if L.shown("grads"):
            draw_gradients(content, self._inner("grads"), t, seq, step, level,
                           self.view.contrast)  # fmt: skip
        if L.shown("plot"):
            shown = self._shown_record()
            prediction = shown.prediction if shown is not None else None
            draw_data_plot(content, t, self._inner("plot"), prediction, step)
        self._draw_cell(state)
        if seq is None:
            v = self.cell_card.view
            content.text("waiting for the first trace…", v.cx, v.bottom - t.px(20), t.body_px,
                         t.text_dim, anchor="cb")  # fmt: skip
        elif state.trapped:
            draw_trapped(content, t, self.cell_card.view)
        self.ui.draw(self.lists["ui"], self.lists["ui_overlay"])
        self.draw_keys(self.lists["ui_overlay"])
        screen = LayerTransform.screen(w, h)
        world = self.cell_card.transform((w, h), clip=True)  # zoomed in, it stays in its card
        return [
            (cards, screen),
            (self.lists["world"], world),
            (self.lists["world_top"], world),
            (content, screen),
            (self.lists["ui"], screen),
            (self.lists["ui_overlay"], screen),
        ]
