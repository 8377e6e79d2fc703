"""The MLP explorer: watch a small network learn a 2-D point set, every weight shown.

Its defaults are the XOR visualizer's (a 2→4→1 sigmoid network, 100 points, learning rate
0.1, one fixed seed), trained live by the task-generic session on a
:class:`~nnviz.sim.ClassificationConfig`. The network graph, the decision boundary with
the points, the predictions with per-split metrics and the loss curves each draw
themselves in their own module; the controls are specs bound to :mod:`.settings`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from nnviz.render.renderer import LayerTransform
from nnviz.scenes.base import FrameInfo, Layers, SceneServices
from nnviz.scenes.kit.card import card_inner, draw_card
from nnviz.scenes.kit.controls import animation_pause_key, follow_history
from nnviz.scenes.kit.keys import KeyBinding
from nnviz.scenes.kit.settings import SessionLink
from nnviz.scenes.kit.training_scene import TrainingScene
from nnviz.scenes.mlp.boundary import (
    TAP_RADIUS,
    PlaneView,
    draw_boundary,
    draw_probe,
    nearest_point,
)
from nnviz.scenes.mlp.cards import draw_header, draw_loss, draw_predictions
from nnviz.scenes.mlp.comp_view import StepPlayer, draw_computation
from nnviz.scenes.mlp.compare import DIFFERENCES
from nnviz.scenes.mlp.compare_mode import CompareMode
from nnviz.scenes.mlp.compare_view import CompareLayout
from nnviz.scenes.mlp.computation import Computation, compute
from nnviz.scenes.mlp.controls import MLPActions, MLPControls
from nnviz.scenes.mlp.data_view import GRAB_PX, KEY_STEP, draw_data
from nnviz.scenes.mlp.graph import GraphGeometry, draw_graph
from nnviz.scenes.mlp.heat import HeatCache
from nnviz.scenes.mlp.kept import KeptLists
from nnviz.scenes.mlp.layout import CARDS, SHORT_TITLES, MLPLayout
from nnviz.scenes.mlp.motion import GraphMotion
from nnviz.scenes.mlp.neuron_card import NeuronActions, NeuronCard
from nnviz.scenes.mlp.settings import DEFAULT_MLP_SPEED, MLPSettings, connect_mlp
from nnviz.scenes.mlp.slot import SharedSlot
from nnviz.scenes.mlp.split import SplitControl
from nnviz.scenes.mlp.weights import WeightHistory, draw_paths, draw_weights
from nnviz.scenes.overview.status import draw_status
from nnviz.sim import ClassificationConfig, EpochRecord, Snapshot, TrainingSession
from nnviz.sim.tasks.classification_config import MAX_MLP_LAYERS
from nnviz.ui import events as ev
from nnviz.ui.widget import Rect, UIContext, Widget

Placer = Callable[[float, float, UIContext], Rect]
CARD_MIN_WIDTH = 300.0
"""The neuron card's least width (UI units): a weight's row reads whole at it."""


def new_mlp_session(services: SceneServices) -> TrainingSession:
    """The XOR visualizer's defaults (its fixed seed, not the app's), training at once."""
    return TrainingSession(
        ClassificationConfig(),
        threaded=services.threaded_training,
        process=services.training_process,
        speed=DEFAULT_MLP_SPEED,
        playing=True,
    )


class MLPScene(TrainingScene):
    """A multi-layer perceptron on 2-D points, trained live."""

    name = "mlp"
    title = "MLP explorer"

    LISTS = ("cards", "paths", "kept", "content", "graph", "graph_top", "status", "ui",
             "ui_overlay")  # fmt: skip
    CARD_LISTS = ("cards", "kept")
    """The cards and what they show but the computation: kept while the snapshot is the
    same (:meth:`_draw_cards`)."""
    GRAPH_LISTS = ("paths", "graph", "graph_top")
    """The network graph and its strongest paths: kept while the record is the same and
    no neuron glides (:meth:`_draw_network`)."""

    def __init__(
        self,
        services: SceneServices,
        session: TrainingSession | None = None,
        link: SessionLink | None = None,
    ) -> None:
        owns = session is None
        if session is None:
            session = new_mlp_session(services)
        if link is None:
            link = connect_mlp(session, services.anim_clock, services.theme.name)
        super().__init__(services, session, link)
        self.owns_session = owns

    @property
    def mlp_settings(self) -> MLPSettings:
        return self.link.settings  # type: ignore[return-value]

    def build(self) -> None:
        self.heat = HeatCache()
        self.motion = GraphMotion()
        """Neurons glide into place when a neuron or a layer is added or removed."""
        self.weights = WeightHistory()
        self.split = SplitControl(self.session, lambda: self.snapshot.config)
        self.show_weights = False
        """Whether the Loss card shows the weights over the run (and the graph its
        strongest paths) instead of the loss curves."""
        self.geometry: GraphGeometry | None = None
        self.selected_neuron: tuple[int, int] | None = None
        self.slot = SharedSlot(lambda: self.resize(*self.services.size))
        """Which card the compact layout's shared slot shows, and its menu."""
        self.layout = MLPLayout.compute(*self.services.size, self.theme, front=self.slot.front)
        self.kept_cards = KeptLists([self.lists[name] for name in self.CARD_LISTS])
        self.kept_graph = KeptLists([self.lists[name] for name in self.GRAPH_LISTS])
        self._glided = False
        """Whether the graph was last drawn while a neuron glided (its last place is drawn
        once more after the glide settles)."""
        self.plane_view = PlaneView.fit(card_inner(self.layout.boundary, self.theme),
                                        (0.0, 1.0, 0.0, 1.0))  # fmt: skip
        self._seen_serial = -1
        self.neuron_card: NeuronCard | None = None
        self._front_before_card: str | None = None
        """The compact slot's card in front when the neuron card opened (shown again when
        it closes)."""
        self.probe: tuple[float, float] | None = None
        """A point tapped in the plane away from the data: its forward pass is shown."""
        self.player = StepPlayer()
        self._computation: tuple[EpochRecord | None, Computation | None] = (None, None)
        self.controls = MLPControls(
            self.mlp_settings,
            MLPActions(
                toggle_training=self.toggle_training,
                step_epoch=self.session.step_epoch,
                restart=self.session.restart,
                new_weights=self.session.new_weights,
                seek=lambda v: self.session.seek(int(v)),
                go_live=lambda: self.session.seek(None),
                resume=self._resume,
                step_back=lambda: self.step_computation(-1),
                step_forward=lambda: self.step_computation(1),
                auto_steps=self._auto_steps,
                compare=self.toggle_compare,
            ),
        )
        self.card_infos = self.controls.card_infos()
        for sections in (self.controls.sections, self.controls.settings_sections):
            sections.on_switch = lambda: self.resize(*self.services.size)
        self.compare: CompareMode | None = None
        """Compare mode, while it is on."""
        self.compare_layout = CompareLayout.compute(*self.services.size, self.theme)
        self._was_running = False
        self._add_explorer_widgets()

    def _explorer_widgets(self) -> list[tuple[Widget, Placer]]:
        c = self.controls
        placed: list[tuple[Widget, Placer]] = [
            (c.panel, lambda w, h, ctx: self.layout.controls),
            (c.settings, lambda w, h, ctx: self.layout.settings),
        ]
        placed += [(button, self._info_placer(key)) for key, button in self.card_infos.items()]
        placed.append((c.anim_pause, self._info_placer("computation", slot=1)))
        for button in [*self.card_infos.values(), c.anim_pause]:
            button.tooltip_above = True  # a title row's: below it is the card's content
        placed.append((self.slot.menu, lambda w, h, ctx: self.slot.place(self.layout, ctx,
                                                                         c.slot_room.rect)))
        return placed

    def _add_explorer_widgets(self) -> None:
        for widget, place in self._explorer_widgets():
            self.ui.add(widget, place=place)

    # -- compare mode ----------------------------------------------------------------------
    def toggle_compare(self) -> None:
        """Enter compare mode (two networks from the explorer's settings) or leave it."""
        if self.compare is None:
            self.enter_compare()
        else:
            self.leave_compare()

    def enter_compare(self, key: str = DIFFERENCES[0].key) -> None:
        """Two fresh sessions from the explorer's configuration, one setting apart; the
        explorer's own training pauses meanwhile."""
        if self.compare is not None:
            return
        self.select_neuron(None)
        self._was_running = self.snapshot.running
        self.session.pause()
        s = self.mlp_settings
        self.compare = CompareMode(
            self.snapshot.config, key, threaded=self.session.threaded,
            speed=None if s.max_speed.value else s.speed.value, leave=self.leave_compare,
            process=self.session.in_process,
        )  # fmt: skip
        for widget, _ in self._explorer_widgets():
            self.ui.remove(widget)
        self.ui.add(self.compare.panel, place=lambda w, h, ctx: self.compare_layout.controls)
        self.resize(*self.services.size)

    def leave_compare(self) -> None:
        """Back to the explorer, which continues as it was."""
        if self.compare is None:
            return
        self.compare.close()
        self.ui.remove(self.compare.panel)
        self.compare = None
        self._add_explorer_widgets()
        if self._was_running:
            self.session.play()
        self.resize(*self.services.size)

    # -- actions -------------------------------------------------------------------------
    def _resume(self) -> None:
        if self.snapshot.viewing is not None:
            self.session.resume_from(self.snapshot.viewing)

    def computation(self) -> Computation | None:
        """The shown record's computation (made once per record)."""
        record = self.shown()
        if self._computation[0] is not record:
            self._computation = (record, compute(record) if record is not None else None)
        return self._computation[1]

    def step_computation(self, delta: int) -> None:
        """Show the next or previous computation step (stops the automatic play)."""
        comp = self.computation()
        self.player.step(delta, len(comp.steps) if comp is not None else 0)
        self.controls.auto_steps.set_value(False, notify=False)

    def _auto_steps(self, on: bool) -> None:
        self.player.play(bool(on))

    def shown(self) -> EpochRecord | None:
        """The record every card draws: the scrubbed epoch, or the newest."""
        return self.snapshot.shown

    def select_point(self, index: int) -> None:
        """Trace point ``index`` (the graph's activations and the computation follow)."""
        self.session.select_sample(index)

    def handle(self, event: ev.Event) -> bool:
        """The UI first, then keys, then taps on the graph (select a neuron) and on the
        plane (select the nearest point). A number typed into a weight of the neuron card
        comes before all of them (its Enter and Backspace are not the training keys)."""
        card = self.neuron_card
        if card is not None:
            if isinstance(event, ev.TextInput) and card.type_text(self.ui.focused, event.text):
                return True
            if isinstance(event, ev.KeyDown) and card.typing_key(event.key):
                return True
        if self.ui.handle(event):
            return True
        if isinstance(event, ev.KeyDown):
            return self.on_key(event)
        if self.compare is None and self._split_pointer(event):
            return True
        if isinstance(event, ev.PointerUp) and self.compare is None:
            return self._tap(event.x, event.y)
        return False

    # -- the data table and the split -------------------------------------------------------
    def _split_pointer(self, event: ev.Event) -> bool:
        if self.neuron_card is not None:
            return False
        return self.split.pointer(event, GRAB_PX * self.theme.scale)

    def _data_tap(self, x: float, y: float) -> bool:
        """The Predictions card's title strip switches the view; the Data view takes taps
        on its order switch and rows."""
        card = self.layout.predictions
        if self.neuron_card is not None:
            return False
        if card.contains(x, y) and y < card_inner(card, self.theme).y:
            self.split.toggle()
            return True
        return self.split.tap(x, y, self._select_row)

    def _select_row(self, index: int) -> None:
        self.probe = None
        self.select_point(index)

    def toggle_weights(self) -> None:
        """Switch the Loss card between the loss curves and the weights over the run."""
        self.show_weights = not self.show_weights

    def show_card(self, key: str) -> bool:
        """Bring card ``key`` on screen: the compact layout's shared slot switches to it
        (a no-op for a card already shown); False for a card the scene cannot show."""
        if not isinstance(getattr(self.layout, key, None), Rect):
            return False
        return self.layout.shown(key) or self.slot.show(key)

    def _key_for(self, key: str, action: Callable[[], None], *, on: Callable[[], bool]
                 ) -> Callable[[], None]:  # fmt: skip
        """A key's action on card ``key``: when the compact layout hides that card, the
        key first brings it, doing ``action`` only if ``on()`` is not yet true (``t`` on
        a hidden Predictions card shows the data table, never hides it unseen)."""

        def run() -> None:
            if self.layout.shown(key):
                action()
                return
            self.show_card(key)
            if not on():
                action()

        return run

    def _tap(self, x: float, y: float) -> bool:
        if self._data_tap(x, y):
            return True
        if self.layout.loss.contains(x, y):
            self.toggle_weights()
            return True
        if self.geometry is not None:
            hit = self.geometry.hit(x, y)
            if hit is not None:
                self.select_neuron(None if hit == self.selected_neuron else hit)
                return True
        index = nearest_point(self.shown(), self.plane_view, x, y, TAP_RADIUS * self.theme.scale)
        if index is not None:
            self.probe = None
            self.select_point(index)
            return True
        self.probe = self.plane_view.to_plane(x, y)
        return self.probe is not None

    # -- the neuron card -----------------------------------------------------------------
    def select_neuron(self, hit: tuple[int, int] | None) -> None:
        """Select a neuron (its properties card opens for hidden and output neurons)."""
        self.selected_neuron = hit
        self._close_card()
        record = self.shown()
        if hit is None or hit[0] == 0 or record is None or record.params is None:
            return
        self._front_before_card = self.slot.front
        self.show_card("predictions")  # the card opens in its place
        self.neuron_card = NeuronCard(record, hit[0], hit[1], self._neuron_actions())
        self.ui.add(self.neuron_card.panel, place=self._place_card, floating=True)
        self.ui.layout(*self.services.size)

    def _place_card(self, width: float, height: float, ctx: UIContext) -> Rect:
        """The neuron card in the predictions card's place, grown down (then up) over the
        cards below when its rows need more room (a neuron with many inputs on a small
        window has more rows than that card has height), and to the left when that card
        is too narrow for a weight's slider, "frozen" switch and cut button side by side."""
        assert self.neuron_card is not None
        r = self.layout.predictions
        margin = ctx.theme.spacing_px
        w = min(max(r.w, ctx.theme.px(CARD_MIN_WIDTH)), width - 2 * margin)
        need = self.neuron_card.panel.preferred_size(ctx, w)[1]
        top = self.layout.header.bottom  # never over the title bar (its border crossed it)
        h = min(max(r.h, need), height - top)
        y = min(r.y, height - margin - h)
        if y < top:  # the tallest card starts under the title bar and meets the bottom edge
            y = height - h
        return Rect(max(r.right - w, margin), y, w, h)

    def _close_card(self) -> None:
        if self.neuron_card is not None:
            self.ui.remove(self.neuron_card.panel)
            self.neuron_card = None
            if self._front_before_card is not None:  # the compact slot as it was
                self.slot.show(self._front_before_card)
                self._front_before_card = None

    def _neuron_actions(self) -> NeuronActions:
        s = self.session
        return NeuronActions(
            set_weight=s.set_weight,
            set_connection=s.set_connection,
            freeze=lambda name, index, on: s.freeze(name, index, on),
            set_activation=s.set_activation,
            add_neuron=s.add_neuron,
            remove_neuron=s.remove_neuron,
            add_layer=s.add_layer,
            remove_layer=s.remove_layer,
        )

    def _follow_card(self, record: EpochRecord | None) -> None:
        """Keep the card on its neuron: values follow; a new shape rebuilds or closes it."""
        card, hit = self.neuron_card, self.selected_neuron
        if card is None or hit is None or record is None or record.params is None:
            return
        sizes = tuple(record.layer_sizes)
        if card.key == NeuronCard.key_of(record, hit[0], hit[1]):
            card.show(record)
        elif hit[0] < len(sizes) and hit[1] < sizes[hit[0]]:
            self.select_neuron(hit)
        else:
            self.select_neuron(None)

    def key_bindings(self) -> list[KeyBinding]:
        if self.compare is not None:
            return self.compare.key_bindings()
        return [
            KeyBinding(("space",), "play / pause training", self.toggle_training),
            animation_pause_key(self.settings.anim_paused),  # type: ignore[attr-defined]
            KeyBinding(("return", "right", "pagedown"), "train one epoch", self.session.step_epoch),
            KeyBinding(("backspace",), "restart (the same initial weights)", self.session.restart),
            KeyBinding(("n",), "start over with new random weights", self.session.new_weights),
            KeyBinding(("escape",), "close the neuron card", lambda: self.select_neuron(None)),
            KeyBinding(("comma",), "computation: one step back", lambda: self._step_key(-1)),
            KeyBinding(("period",), "computation: one step on", lambda: self._step_key(1)),
            KeyBinding(("c",), "compare two networks one setting apart", self.toggle_compare),
            KeyBinding(("w",), "the weights over the run and the strongest paths, or the loss",
                       self._key_for("loss", self.toggle_weights, on=lambda: self.show_weights)),
            KeyBinding(("t",), "the data table and the split, or the predictions",
                       self._key_for("predictions", self.split.toggle,
                                     on=lambda: self.split.show)),
            KeyBinding(("v",), "narrow window: the next of the cards sharing a place",
                       self.slot.next),
            *self._split_keys(),
            KeyBinding(("o",), "split: shuffled or in order", self.split.toggle_shuffle),
            KeyBinding(("l",), "add a hidden layer before the output", self.add_last_layer),
            KeyBinding(("shift+l",), "remove the last hidden layer (none: a straight line)",
                       self.remove_last_layer),
        ]

    def _split_keys(self) -> list[KeyBinding]:
        """1 / 2 move the train|validation boundary, 3 / 4 the validation|test one."""
        moves = (("1", 0, -1, "less training"), ("2", 0, 1, "more training"),
                 ("3", 1, -1, "more test"), ("4", 1, 1, "less test"))  # fmt: skip
        return [KeyBinding((k,), f"split: 5 % {words}",
                           lambda w=which, d=sign: self.split.move_boundary(w, d * KEY_STEP))
                for k, which, sign, words in moves]  # fmt: skip

    def _step_key(self, delta: int) -> None:
        """A computation step, on screen (the shared slot switches to the card)."""
        self.show_card("computation")
        self.step_computation(delta)

    def set_hidden_layers(self, sizes: Iterable[int]) -> None:
        """Give the network these hidden layers (none: a straight boundary), as a person
        would: the hidden layers come out one by one, then the new ones go in."""
        for index in reversed(range(len(self.snapshot.config.hidden))):
            self.session.remove_layer(index)
        for index, size in enumerate(sizes):
            self.session.add_layer(index, int(size))

    # -- lesson targets --------------------------------------------------------------------
    def target_rect(self, target: str) -> tuple[float, float, float, float] | None:
        """A card the compact layout hides comes to the front of its slot first."""
        rect = getattr(self.layout, target, None)
        if not isinstance(rect, Rect) or self.compare is not None:
            return None
        if not self.layout.shown(target) and self.show_card(target):
            rect = getattr(self.layout, target)
        return (rect.x, rect.y, rect.w, rect.h)

    def add_last_layer(self) -> None:
        """Insert a hidden layer just before the output (the defaults' size without one)."""
        hidden = self.snapshot.config.hidden
        if len(hidden) < MAX_MLP_LAYERS:
            self.session.add_layer(len(hidden))

    def remove_last_layer(self) -> None:
        """Remove the hidden layer next to the output, down to none."""
        hidden = self.snapshot.config.hidden
        if hidden:
            self.session.remove_layer(len(hidden) - 1)

    # -- layout --------------------------------------------------------------------------
    def lay_out(self) -> None:
        size, t = self.services.size, self.theme
        front, c = self.slot.front, self.controls
        self.layout = L = MLPLayout.compute(*size, t, front=front)
        c.settings.visible = L.shown("settings")
        c.slot_room.visible = L.front == "settings"
        # The settings card grows (the upper row gives up some height) before anything
        # else is hidden or shrunk to make its controls fit.
        # (Its turn in the compact layout's slot: that row's height stays the same for
        # every card of the slot.)
        width = (L.settings if L.shown("settings") else L.slot).w
        need = c.settings_sections.tallest(lambda: self.panel_height(c.settings, width))
        if need > L.settings.h:
            self.layout = L = MLPLayout.compute(*size, t, lower_min=need, front=front)
        self.slot.follow(L)
        for key, button in self.card_infos.items():
            button.visible = L.shown(key)
        c.anim_pause.visible = L.shown("computation")
        self.compare_layout = CompareLayout.compute(*self.services.size, self.theme)

    def compact_controls(self, on: bool) -> bool:
        """In sections only the panels that do not fit whole (the laid-out rectangles are
        those of the whole panels)."""
        c, L = self.controls, self.layout
        c.set_compact(on and self.panel_height(c.panel, L.controls.w) > L.controls.h,
                      on and self.panel_height(c.settings, L.settings.w) > L.settings.h)
        return on

    def fitted_panels(self) -> Iterable[tuple[Widget, Rect]]:
        if self.compare is not None:
            return ((self.compare.panel, self.compare_layout.controls),)
        if not self.layout.shown("settings"):  # its turn in the compact layout's slot
            return ((self.controls.panel, self.layout.controls),)
        return ((self.controls.panel, self.layout.controls),
                (self.controls.settings, self.layout.settings))  # fmt: skip

    # -- time ----------------------------------------------------------------------------
    def update(self, frame: FrameInfo) -> None:
        snap = self.poll_session(frame.dt)
        if snap.serial != self._seen_serial:
            self._seen_serial = snap.serial
            self._on_snapshot(snap)
        if self.compare is not None:
            self.compare.update(frame.dt)
        self.ui.update(frame.dt)
        comp = self.computation()
        # Paused training brings no new computation: the pass ends instead of starting over.
        self.player.loop = snap.running
        self.player.update(frame.anim_dt, len(comp.steps) if comp is not None else 0)
        self.motion.advance(frame.anim_dt)
        c = self.controls
        c.play_button.icon = "pause" if snap.running else "play"
        c.auto_steps.set_value(self.player.moving, notify=False)  # off once a pass ended
        c.speed.enabled = not self.mlp_settings.max_speed.value
        c.resume_button.enabled = snap.viewing is not None
        c.live_button.enabled = snap.viewing is not None
        # The neuron card covers the Predictions card, and brings its own ⓘ.
        self.card_infos["predictions"].visible = (self.neuron_card is None
                                                  and self.layout.shown("predictions"))

    def _on_snapshot(self, snap: Snapshot) -> None:
        self.weights.add(snap.record)
        self._follow_card(snap.shown)
        follow_history(self.controls.history, snap.history_first, snap.history_last,
                       live=snap.viewing is None)  # fmt: skip
        if snap.lockstep and snap.record is not None:
            self.session.animation_done(snap.record.epoch)

    def is_animating(self) -> bool:
        snap = self.snapshot
        comparing = self.compare is not None and self.compare.is_animating()
        stepping = self.player.moving and self.services.anim_clock.moving
        return (snap.running or snap.status == "compiling" or stepping
                or self.ui.is_animating() or comparing or self.motion.moving)  # fmt: skip

    def close(self) -> None:
        if self.compare is not None:
            self.compare.close()
        super().close()

    def train_flat_out(self) -> bool:
        self.mlp_settings.max_speed.set(True)
        return True

    # -- drawing -------------------------------------------------------------------------
    def layers(self) -> Layers:
        kept = (*self.CARD_LISTS, *self.GRAPH_LISTS)
        for name, dl in self.lists.items():
            if name not in kept:  # kept while they hold this very picture
                dl.clear()
        t = self.theme
        snap = self.snapshot
        record = self.shown()
        L = self.layout
        if self.compare is not None:
            for group in (self.kept_cards, self.kept_graph):
                group.forget()
                for dl in group.lists:
                    dl.clear()
            self.compare.draw(self.lists, t, self.compare_layout)
            return self._finish_layers()
        extent = record.prediction.points.extent if record and record.prediction else (0, 1, 0, 1)
        self.plane_view = PlaneView.fit(card_inner(L.boundary, t), extent)
        atlas = self.lists["kept"].text_layout.atlas.version
        self.kept_cards.draw(
            (snap, t, L),
            (self.show_weights, self.split.show, self.split.shares(), self.neuron_card is None,
             self.status_right(), atlas),
            self._draw_cards,
        )  # fmt: skip
        gliding = self.motion.moving
        if gliding or self._glided:
            self.kept_graph.forget()
        self._glided = gliding
        self.kept_graph.draw(
            (record, t, L),
            (snap.status == "compiling", self.selected_neuron, self.show_weights, atlas),
            self._draw_network,
        )  # fmt: skip
        content = self.lists["content"]
        if self.probe is not None:
            draw_probe(self.lists["status"], t, self.plane_view, record, self.probe)
        if L.shown("computation"):
            draw_computation(content, t, card_inner(L.computation, t), self.computation(),
                             self.player)  # fmt: skip
        draw_status(self.lists["status"], t, card_inner(L.network, t), snap,
                    self.services.anim_clock.time)  # fmt: skip
        return self._finish_layers()

    def _draw_cards(self) -> None:
        """The header, every card with its title, and what the cards show but the graph
        and the computation (those change with the animation clock)."""
        t, snap, record, L = self.theme, self.snapshot, self.shown(), self.layout
        cards, content = self.lists["cards"], self.lists["kept"]
        draw_header(content, t, L.header.cy, snap, self.status_right())
        for key, title in CARDS:
            if not L.shown(key):
                continue
            if key == "loss" and self.show_weights:
                title = "Weights and paths"
            if key == "predictions" and self.split.show:
                title = "Data"
            if key in L.shared:
                if self.slot.rename(key, title):  # the menu names what the card shows
                    self.ui.layout(*self.services.size)
                title = ""  # the shared slot's menu names the card
            # The Computation card's title row also holds the animation's pause.
            draw_card(cards, content, getattr(L, key), title, t,
                      info=2 if key == "computation" else 1,
                      short=SHORT_TITLES.get(key, ""))  # fmt: skip
        selected = record.config.display_sample if record is not None else -1
        draw_boundary(content, t, self.plane_view, record, selected, self.heat)
        self.split.geometry = None
        if self.neuron_card is None and L.shown("predictions"):
            if self.split.show:
                self.split.geometry = draw_data(content, t, card_inner(L.predictions, t),
                                                record, self.split.shares())  # fmt: skip
            else:
                draw_predictions(content, t, card_inner(L.predictions, t), record)
        if L.shown("loss") and self.show_weights:
            draw_weights(content, t, card_inner(L.loss, t), self.weights)
        elif L.shown("loss"):
            draw_loss(content, t, card_inner(L.loss, t), snap)

    def _draw_network(self) -> None:
        """The graph (its geometry kept for taps) and, with the weights shown, its
        strongest paths under it."""
        t, record = self.theme, self.shown()
        if self.snapshot.status == "compiling":
            return
        network = card_inner(self.layout.network, t)
        self.geometry = draw_graph(self.lists["graph"], self.lists["graph_top"], t,
                                   _graph_area(network, t), record, self.heat,
                                   self.selected_neuron, self.motion.place)  # fmt: skip
        if self.show_weights and self.geometry is not None:
            draw_paths(self.lists["paths"], t, self.geometry, record)

    def _finish_layers(self) -> Layers:
        """The controls and the list of keys over the cards; every list in screen pixels."""
        self.ui.draw(self.lists["ui"], self.lists["ui_overlay"])
        self.draw_keys(self.lists["ui_overlay"])
        screen = LayerTransform.screen(*self.services.size)
        return [(dl, screen) for dl in self.lists.values()]


def _graph_area(r: Rect, t: object) -> Rect:
    """The graph's part of the network card: room at the sides for the labels."""
    pad = getattr(t, "label_px", 16.0) * 1.6
    return Rect(r.x + pad, r.y, max(r.w - 2 * pad, 1.0), r.h)
