"""What every scene that watches a training session shares.

The session (its own worker thread, or synchronous in reproducible headless runs), the
newest snapshot, the settings model bound to it, the scene's UI manager, and the screen
layout fitted to the window. The overview and the cell view are both built on it, and
the explorer lets them share one session and one settings model.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import ClassVar

from nnviz.render.camera import Camera2D
from nnviz.render.drawlist import DrawList
from nnviz.scenes.base import EVERY_FRAME, Scene, SceneServices
from nnviz.scenes.kit.card import Card, card_inner, route_event, title_button
from nnviz.scenes.kit.controls import touch_target_px
from nnviz.scenes.kit.fit import lay_out_fitted
from nnviz.scenes.kit.header import status_room, title_end
from nnviz.scenes.kit.keys import KeyBinding, KeyMap, draw_key_help, help_binding
from nnviz.scenes.kit.settings import DEFAULT_SPEED, SessionLink, Settings, connect
from nnviz.scenes.kit.switcher import add_switcher, switcher_bindings, switcher_left
from nnviz.sim import SessionConfig, Snapshot, TrainingSession
from nnviz.ui import events as ev
from nnviz.ui.manager import UIManager
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect, UIContext, Widget
from nnviz.ui.widgets import IconButton


def new_session(services: SceneServices) -> TrainingSession:
    """The session a training scene starts with: the app's seed, training at once at
    :data:`DEFAULT_SPEED`, in a worker thread unless the options ask for reproducibility."""
    return TrainingSession(
        SessionConfig(seed=services.seed),
        threaded=services.threaded_training,
        process=services.training_process,
        speed=DEFAULT_SPEED,
        playing=True,
    )


class HomeButton(IconButton):
    """⌂: back to the whole picture. Shown only while the card's camera is away from it
    (dragged, pinched or zoomed), like a map's "re-centre" button: at home it would have
    nothing to do and only take room in the title row."""

    def __init__(self, card: Card, go_home: Callable[[], None]) -> None:
        super().__init__("home", go_home, label="Show the whole picture again (Home)")
        self.card = card
        self.visible = False

    def update(self, dt: float) -> None:
        super().update(dt)
        self.visible = not self.card.at_home()


class TrainingScene(Scene):
    """A scene over a :class:`TrainingSession` (made here unless one is given to share,
    with the :class:`SessionLink` that binds it to the settings everyone shares).

    A subclass names its draw lists (:attr:`LISTS`), builds its parts in :meth:`build`
    (setting :attr:`card`, the camera card its pointer events go to), and lays itself out
    in :meth:`lay_out`; events go to the UI first, then keys to :meth:`on_key`, then
    pointers to the card. Keys come from one table, :meth:`key_bindings`, which also
    writes the list that `?` or F1 shows.
    """

    LISTS: ClassVar[tuple[str, ...]] = ()
    """The scene's draw lists, bottom first."""

    def __init__(
        self,
        services: SceneServices,
        session: TrainingSession | None = None,
        link: SessionLink | None = None,
    ) -> None:
        super().__init__(services)
        # The app's own sim clock is not used: training has its own in the session.
        services.sim_clock.paused = True
        self.owns_session = session is None
        """Whether this scene made its session and so closes it (a shared one is closed by
        whoever shares it)."""
        if session is None:
            session = new_session(services)
        self.session = session
        self.session.start()
        if link is None:
            link = connect(session, services.anim_clock, services.theme.name)
        self.link = link
        self.drives_session = True
        """Whether this scene advances a synchronous session each frame (when two scenes
        share one session, only one of them must)."""
        self.snapshot: Snapshot = session.latest()
        self.ui = UIManager(services.renderer.text_layout, services.theme)
        self.lists = {name: services.renderer.new_draw_list() for name in self.LISTS}
        self.card = Card()
        self.showing_keys = False
        """Whether the list of keys (`?` / F1) is on screen."""
        """The card holding the scene's camera (set by :meth:`build`)."""
        self.build()
        self.resize(*services.size)
        self.switcher = add_switcher(self.ui, services, self.title_bar)
        """The row of buttons to the other explorers (None when nothing is offered)."""

    @abstractmethod
    def build(self) -> None:
        """Make the scene's parts and controls (called once, before the first layout)."""

    @property
    def camera(self) -> Camera2D:
        """The camera of the scene's main card."""
        assert self.card.camera is not None
        return self.card.camera

    @property
    def settings(self) -> Settings:
        return self.link.settings

    def poll_session(self, dt: float) -> Snapshot:
        """Advance a synchronous session by ``dt`` (when this scene drives it), take the
        newest snapshot and let the settings absorb it."""
        if not self.session.threaded and self.drives_session:
            self.session.advance(dt)
        snap = self.session.latest()
        self._fresh_snapshot = snap is not self.snapshot
        self.snapshot = snap
        self.link.absorb(snap)
        # Whoever paused the clock (a lesson, a key), the switch shows it.
        self.settings.anim_paused.show(self.services.anim_clock.paused)
        return snap

    def next_frame_due(self) -> float | None:
        """Every frame while something moves or a new snapshot arrived (a paused session
        still answers commands: a seek, a reset, a new data set)."""
        if getattr(self, "_fresh_snapshot", True):
            return EVERY_FRAME
        return super().next_frame_due()

    def handle(self, event: ev.Event) -> bool:
        return route_event(event, self.ui, self.on_key, self.card)

    @abstractmethod
    def key_bindings(self) -> list[KeyBinding]:
        """The scene's keys, each with what it does (the help row is added here)."""

    @property
    def keymap(self) -> KeyMap:
        """The scene's key table, built from :meth:`key_bindings` as they stand now."""
        return KeyMap([*self.key_bindings(), *switcher_bindings(self.services.navigation),
                       help_binding(self.toggle_key_help)])  # fmt: skip

    def toggle_key_help(self) -> None:
        self.showing_keys = not self.showing_keys

    def on_key(self, event: ev.KeyDown) -> bool:
        """A key the UI did not take: return True when the scene used it. While the list
        of keys shows, Esc closes it first."""
        if self.showing_keys and event.key == "escape":
            self.showing_keys = False
            return True
        return self.keymap.handle(event)

    def _info_placer(self, key: str, slot: int = 0) -> Callable[[float, float, UIContext], Rect]:
        """Where a card's ⓘ sits: the top right corner of ``self.layout.<key>`` (``slot``
        buttons further left for another button of the card's title row)."""

        def place(width: float, height: float, ctx: UIContext) -> Rect:
            return title_button(getattr(self.layout, key), ctx.theme, slot)

        return place

    def title_bar(self) -> tuple[Rect, float, float]:
        """The title bar (``self.layout.header``), the end of the title and its status's
        first part, and where the control column begins: the scene switcher fits between."""
        layout = self.layout  # type: ignore[attr-defined] - each subclass lays one out
        t = self.theme
        text = self.services.renderer.text_layout
        left = title_end(text, t, self.title) + status_room(text, t)
        return layout.header, left, layout.controls.x - t.spacing_px * 1.5

    def status_right(self) -> float | None:
        """Where the title bar's status line must end: before the scene switcher, before
        whatever the app keeps in the title bar (a kiosk's *Back* and *Start again*:
        ``Navigation.right_limit``), and before the control column in any case."""
        *_, controls_x = self.title_bar()
        right = controls_x
        left = switcher_left(self.switcher, self.theme)
        if left is not None:
            right = min(right, left)
        limit = getattr(self.services.navigation, "right_limit", None)
        if limit is not None:
            right = min(right, limit - self.theme.spacing_px)
        return right

    def add_home_button(self, key: str, card: Card, go_home: Callable[[], None],
                        slot: int) -> HomeButton:  # fmt: skip
        """A ⌂ in card ``key``'s title row (``slot`` as for the ⓘ) that flies ``card``'s
        camera home: the Home key's way for a finger or a mouse."""
        button = HomeButton(card, go_home)
        button.tooltip_above = True  # a title row's: below it is the card's content
        self.ui.add(button, place=self._info_placer(key, slot))
        return button

    def _title_button_placer(
        self, key: str, title: str, button: Widget, *, beside: int, short: str = ""
    ) -> Callable[[float, float, UIContext], Rect]:
        """A button at the right of the title row of card ``self.layout.<key>`` (left of
        ``beside`` square buttons of that row: its ⓘ, its ⌂), as large as the mode's touch
        target; just below the title row when the row has no room beside ``title``, or
        beside its ``short`` form where given (the card then draws that form: it keeps the
        button's width free, ``draw_card(reserve=...)``). A card that narrow fits its
        drawing to its width, which leaves room above and below it."""

        def place(width: float, height: float, ctx: UIContext) -> Rect:
            r: Rect = getattr(self.layout, key)
            t = ctx.theme
            side = touch_target_px(self.services.mode, t, height)
            w = max(button.preferred_size(ctx, r.w)[0], side)
            right = r.right - t.padding_px * 0.5
            right -= beside * (t.control_px + t.padding_px * 0.5)
            title_end = r.x + self.theme.padding_px * 2 + ctx.text.width(
                short or title, self.theme.heading_px, "bold"
            )
            if right - w >= title_end:
                return Rect(right - w, r.y + t.padding_px * 0.3, w, side)
            below_title = card_inner(r, self.theme).y
            return Rect(r.right - t.padding_px * 0.5 - w, below_title, w, side)

        return place

    def draw_keys(self, dl: DrawList) -> None:
        """The list of keys over everything, when `?` or F1 asked for it."""
        if self.showing_keys:
            groups = self.keymap.shared_groups(self.services.mode.input)
            draw_key_help(dl, self.theme, self.services.size, self.title, self.keymap.lines(),
                          groups)  # fmt: skip

    def toggle_training(self) -> None:
        if self.snapshot.running:
            self.session.pause()
        else:
            self.session.play()

    # -- layout --------------------------------------------------------------------------
    @abstractmethod
    def lay_out(self) -> None:
        """Compute the scene's rectangles for the current size and theme."""

    @abstractmethod
    def fitted_panels(self) -> Iterable[tuple[Widget, Rect]]:
        """The control panels that must fit their rectangles."""

    def after_layout(self) -> None:
        """Called once the layout is final (frame cameras here)."""

    def panel_height(self, panel: Widget, width: float) -> float:
        """The height ``panel`` needs at ``width`` pixels in the scene's theme as it is now
        (a layout gives a control panel room this way before anything is hidden)."""
        return panel.measure(replace(self.ui.context(), theme=self.theme), width)[1]

    def compact_controls(self, on: bool) -> bool:
        """Show the control panel one section at a time (``on``) or whole; False when
        the scene's panel has no sections (see :mod:`nnviz.scenes.kit.sections`)."""
        return False

    def resize(self, width: int, height: int) -> None:
        super().resize(width, height)
        lay_out_fitted(self.services, self.ui, self.lay_out, self.fitted_panels,
                       self.compact_controls)  # fmt: skip
        self.after_layout()

    def set_theme(self, theme: Theme) -> None:
        self.settings.theme.show(theme.name)
        self.ui.set_theme(theme)  # first: the fitted layout below measures in the new theme
        super().set_theme(theme)

    def steps_total(self) -> int:
        return int(self.snapshot.steps)

    def close(self) -> None:
        if self.owns_session:
            self.session.close()
