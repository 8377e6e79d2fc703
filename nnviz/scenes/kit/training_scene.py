"""What every scene that watches a training session shares.

The session (its own worker thread, or synchronous in reproducible headless runs), the
newest snapshot, the settings model bound to it, the scene's UI manager, and the screen
layout fitted to the window. The overview and the cell view are both built on it, and
the explorer lets them share one session and one settings model.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Iterable
from typing import ClassVar

from nnviz.render.camera import Camera2D
from nnviz.render.drawlist import DrawList
from nnviz.scenes.base import EVERY_FRAME, Scene, SceneServices
from nnviz.scenes.kit.card import Card, card_inner, route_event
from nnviz.scenes.kit.controls import touch_target_px
from nnviz.scenes.kit.fit import lay_out_fitted
from nnviz.scenes.kit.keys import KeyBinding, KeyMap, draw_key_help, help_binding
from nnviz.scenes.kit.settings import DEFAULT_SPEED, SessionLink, Settings, connect
from nnviz.sim import SessionConfig, Snapshot, TrainingSession
from nnviz.ui import events as ev
from nnviz.ui.manager import UIManager
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect, UIContext, Widget


def new_session(services: SceneServices) -> TrainingSession:
    """The session a training scene starts with: the app's seed, training at once at
    :data:`DEFAULT_SPEED`, in a worker thread unless the options ask for reproducibility."""
    return TrainingSession(
        SessionConfig(seed=services.seed),
        threaded=services.threaded_training,
        speed=DEFAULT_SPEED,
        playing=True,
    )


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
        return KeyMap([*self.key_bindings(), help_binding(self.toggle_key_help)])

    def toggle_key_help(self) -> None:
        self.showing_keys = not self.showing_keys

    def on_key(self, event: ev.KeyDown) -> bool:
        """A key the UI did not take: return True when the scene used it. While the list
        of keys shows, Esc closes it first."""
        if self.showing_keys and event.key == "escape":
            self.showing_keys = False
            return True
        return self.keymap.handle(event)

    def _info_placer(self, key: str) -> Callable[[float, float, UIContext], Rect]:
        """Where a card's ⓘ sits: the top right corner of ``self.layout.<key>``."""

        def place(width: float, height: float, ctx: UIContext) -> Rect:
            r: Rect = getattr(self.layout, key)
            size = ctx.theme.control_px
            pad = ctx.theme.padding_px
            return Rect(r.right - size - pad * 0.5, r.y + pad * 0.3, size, size)

        return place

    def _title_button_placer(
        self, key: str, title: str, button: Widget, *, beside_info: bool
    ) -> Callable[[float, float, UIContext], Rect]:
        """A button at the right of the title row of card ``self.layout.<key>`` (left of
        the card's ⓘ when it has one), as large as the mode's touch target; just below the
        title row when the row has no room beside ``title`` (a card that narrow fits its
        drawing to its width, which leaves room above and below it)."""

        def place(width: float, height: float, ctx: UIContext) -> Rect:
            r: Rect = getattr(self.layout, key)
            t = ctx.theme
            side = touch_target_px(self.services.mode, t, height)
            w = max(button.preferred_size(ctx, r.w)[0], side)
            right = r.right - t.padding_px * 0.5
            if beside_info:
                right -= t.control_px + t.padding_px * 0.5
            title_end = r.x + self.theme.padding_px * 2 + ctx.text.width(
                title, self.theme.heading_px, "bold"
            )
            if right - w >= title_end:
                return Rect(right - w, r.y + t.padding_px * 0.3, w, side)
            below_title = card_inner(r, self.theme).y
            return Rect(r.right - t.padding_px * 0.5 - w, below_title, w, side)

        return place

    def draw_keys(self, dl: DrawList) -> None:
        """The list of keys over everything, when `?` or F1 asked for it."""
        if self.showing_keys:
            lines = self.keymap.lines(self.services.mode.input)
            draw_key_help(dl, self.theme, self.services.size, self.title, lines)

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

    def resize(self, width: int, height: int) -> None:
        super().resize(width, height)
        lay_out_fitted(self.services, self.ui, self.lay_out, self.fitted_panels)
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
