"""The kiosk shell: the scene the app runs in kiosk mode, holding the visitor's explorer.

It sits at the one boundary every frame crosses (events, update, layers, resize), which
makes it the place for what an unattended exhibit needs and an explorer should not know:

- **Locked.** The configured exit chord opens the staff :class:`~nnviz.ui.pin_pad.PinPad`
  (modal: nothing reaches the explorer while it is open); only the right PIN quits. The
  app's own keys are switched off by the kiosk mode, so nothing else leaves.
- **Invites.** After ``attract_after_s`` without input an :class:`AttractSource` plays
  behind a large call. The first touch ends it and starts a fresh default exhibit; that
  touch (down, moves and up) goes nowhere, so it never presses what was under it.
- **Resets.** After ``reset_after_s`` without input the explorer is rebuilt from scratch
  with fresh clocks and the configured theme: every setting, the network shape, ablations,
  history view, zoom, popovers, focus and divergence are the defaults again, because
  they all live in the explorer and its session, and both are new.
- **Offers what is configured.** The explorers' own scene switcher (the kit's) offers
  the configured explorers only, and no lessons; a visitor's choice opens a fresh one.
  The shell's own buttons sit at the right end of the title bar, the switcher left of them.
- **Settles.** A visitor's run trains to ``train_to_epoch`` and then pauses, so the
  explorer keeps replaying its latest epoch instead of training for ever.
- **Never stops.** An exception from the explorer (or a session that reports an error)
  is logged to the state folder and the default explorer is rebuilt on the next frame;
  while that fails too, it is retried once a second and the window stays open.

Time comes from an injectable ``now`` so tests run the timeouts with a fake clock.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from nnviz.anim.clock import AnimClock, SimClock
from nnviz.app.kiosk.attract import AttractSource, ExplorerAttract, SceneFactory
from nnviz.app.kiosk.config import KioskConfig
from nnviz.app.kiosk.notify import Notifier
from nnviz.render.renderer import LayerTransform
from nnviz.scenes.base import EVERY_FRAME, FrameInfo, Layers, Scene, SceneServices
from nnviz.scenes.cell.layout import CONTROL_WIDTH as CELL_CONTROLS
from nnviz.scenes.kit.layout import ScreenFrame
from nnviz.scenes.navigation import Navigation
from nnviz.scenes.overview.layout import CONTROL_WIDTH as OVERVIEW_CONTROLS
from nnviz.sim import SessionConfig
from nnviz.ui import events as ev
from nnviz.ui.pin_pad import PadResult, PinPad
from nnviz.ui.tap_targets import TapTargets
from nnviz.ui.theme import Theme, theme_by_name
from nnviz.ui.widget import Rect

T = TypeVar("T")

RETRY_S = 1.0
"""Wait between attempts to rebuild an explorer that failed to start."""
SIM_STEPS_PER_SECOND = 10.0
"""The app's sim clock rate (as bootstrap makes it)."""

BAR_CONTROL_SHARE = max(OVERVIEW_CONTROLS, CELL_CONTROLS)
"""The widest explorer control column: the kiosk's buttons end left of it."""

_INPUT = (ev.PointerDown, ev.PointerMove, ev.PointerUp, ev.Wheel, ev.KeyDown, ev.TextInput)


def registry_factory(name: str, services: SceneServices) -> Scene:
    """Make the registry's explorer ``name``."""
    from nnviz.scenes import scene_class

    return scene_class(name)(services)


class KioskShell(Scene):
    """Runs the visitor's explorer inside the kiosk's rules (see the module docstring)."""

    name = "kiosk"

    def __init__(
        self,
        services: SceneServices,
        config: KioskConfig,
        log: logging.Logger,
        *,
        make_scene: SceneFactory = registry_factory,
        attract: AttractSource | None = None,
        now: Callable[[], float] = time.monotonic,
        notifier: Notifier | None = None,
        first: str | None = None,
    ) -> None:
        """``first``: the explorer shown at start (default: the configured default; the
        attract loop and resets always return to that one)."""
        super().__init__(services)
        self.config = config
        self.log = log
        self.make_scene = make_scene
        self.attract = attract or ExplorerAttract(config.default_explorer, make_scene)
        self._now = now
        self.notifier = notifier or Notifier()
        self.base_theme = theme_by_name(config.theme)
        self.pad = PinPad(lambda pin: pin == config.exit_pin)
        self.pad_open = False
        self.attracting = False
        self.restarts = 0
        """Explorers rebuilt after a fault (a soak or a test reads it)."""
        self._quit = False
        self._last_input = now()
        self._reset_done = False
        self._swallowed: set[int] = set()
        """Pointers whose press ended the attract loop: their moves and release go nowhere."""
        self._retry_at: float | None = None
        self._overlay = services.renderer.new_draw_list()
        self.bar = TapTargets()
        """The kiosk's own buttons: *Back* and *Start again* (the explorers' switcher
        offers the other explorers)."""
        self.nav = Navigation(config.explorers, current=config.default_explorer, lessons=False)
        services.navigation = self.nav
        self.explorer = config.default_explorer
        self.inner: Scene | None = None
        self._start(first or config.default_explorer)
        self.notifier.ready()

    # -- the explorer's life -------------------------------------------------------------
    def _fresh_services(self) -> None:
        """New clocks and the configured theme: nothing of the last visitor carries over."""
        self.services.sim_clock = SimClock(steps_per_second=SIM_STEPS_PER_SECOND)
        self.services.anim_clock = AnimClock()
        self.services.theme = self.base_theme.for_drawable(self.services.size[1])
        self.nav.right_limit = self._bar_left()

    def _start(self, explorer: str | None) -> None:
        """Replace the explorer with a fresh one (``None``: the attract source's scene)."""
        self._close_inner()
        self._fresh_services()
        if explorer is not None:
            self.explorer = explorer
        self.nav.current = self.explorer
        self.nav.pending = None
        try:
            if explorer is None:
                self.inner = self.attract.scene(self.services)
            else:
                self.inner = self.make_scene(explorer, self.services)
            self._default_data(self.inner)
            self._retry_at = None
        except Exception:
            self.log.exception("kiosk: could not start %s; retrying", explorer or "attract")
            self.inner = None
            self._retry_at = self._now() + RETRY_S

    def _default_data(self, scene: Scene) -> None:
        """Put an explorer that trains on sequences on the configured data set (an
        explorer of another task keeps its own)."""
        session = getattr(scene, "session", None)
        settings = getattr(scene, "settings", None)
        if settings is None or session is None:
            return
        if isinstance(session.latest().config, SessionConfig):
            settings.dataset.set(self.config.dataset)

    def _close_inner(self) -> None:
        inner, self.inner = self.inner, None
        if inner is not None:
            try:
                inner.close()
            except Exception:
                self.log.exception("kiosk: closing the explorer failed")

    def _fault(self, where: str) -> None:
        """Log the exception being handled and restart the default explorer."""
        self.log.exception("kiosk: fault in the explorer's %s; restarting it", where)
        self.restarts += 1
        self.attracting = False
        self._start(self.config.default_explorer)

    def _guard(self, where: str, call: Callable[[Scene], T], default: T) -> T:
        """``call(inner)``, or ``default`` when there is no explorer or it raised."""
        if self.inner is None:
            return default
        try:
            return call(self.inner)
        except Exception:
            self._fault(where)
            return default

    # -- input ---------------------------------------------------------------------------
    def handle(self, event: ev.Event) -> bool:
        if not isinstance(event, _INPUT):
            return self._guard("event handling", lambda s: s.handle(event), False)
        self._last_input = self._now()
        self._reset_done = False
        if isinstance(event, ev.KeyDown) and self.config.exit_keys.matches(event):
            self.pad_open = True
            return True
        if self.pad_open:
            self._pad_event(event)
            return True
        if self._swallow(event) or self._bar_event(event):
            return True
        self._guard("event handling", lambda s: s.handle(event), False)
        self._follow_switcher()
        return True  # a visitor's key never reaches the app's own keys

    def _follow_switcher(self) -> None:
        """Open the explorer the switcher asked for (only offered ones can be asked)."""
        request = self.nav.take()
        if request is not None and request.scene in self.config.explorers:
            self.switch(request.scene)
            if request.target:
                self._guard("focus", lambda s: s.focus(request.target), None)

    def _pad_event(self, event: ev.Event) -> None:
        result = self.pad.handle(event)
        if result is PadResult.ACCEPTED:
            self.log.info("kiosk: staff exit with the PIN")
            self._quit = True
        elif result is PadResult.CANCELLED:
            self.pad_open = False
        elif result is PadResult.REJECTED:
            self.log.warning("kiosk: wrong exit PIN")

    def _swallow(self, event: ev.Event) -> bool:
        """End the attract loop on the first input, which goes nowhere itself."""
        pointer = getattr(event, "pointer", None)
        if self.attracting:
            self.attracting = False
            self._start(self.config.default_explorer)
            if isinstance(event, ev.PointerDown) and pointer is not None:
                self._swallowed.add(pointer)
            return True
        if pointer in self._swallowed:
            if isinstance(event, ev.PointerUp):
                self._swallowed.discard(pointer)
            return True
        return False

    # -- the kiosk's own buttons ---------------------------------------------------------
    def _bar_labels(self) -> dict[str, str]:
        """Button name → label, for what the visitor can do now (right to left)."""
        labels = {"restart": "Start again"}
        if getattr(self.inner, "level", None) == "cell":
            labels["back"] = "Back"
        return labels

    def _button_width(self, label: str, size: float) -> float:
        text = self.services.renderer.text_layout
        return max(size, text.width(label, size * 0.36, "bold") + size * 0.6)

    def _bar_frame(self) -> ScreenFrame:
        w, h = self.services.size
        return ScreenFrame.compute(w, h, self.theme, margin=1.6, control_share=BAR_CONTROL_SHARE,
                                   control_min=280, upper_share=0.5)  # fmt: skip

    def _bar_left(self) -> float:
        """Where the shell's buttons begin at most (with *Back*): the switcher ends there."""
        size = self._bar_size()
        frame = self._bar_frame()
        room = sum(self._button_width(label, size) + size * 0.15
                   for label in ("Start again", "Back"))  # fmt: skip
        return frame.controls.x - frame.margin - room

    def _bar_size(self) -> float:
        h = self.services.size[1]
        return max(self.services.mode.min_target_px * h / 1080.0, self.theme.control_px)

    def _lay_out_bar(self) -> None:
        """Touch-sized buttons in a row in the explorers' title bar, right-aligned where
        the widest control column begins (the kit's frame says where that is)."""
        frame = self._bar_frame()
        size = self._bar_size()
        margin = size * 0.15
        right = frame.controls.x - frame.margin
        top = max(margin, (frame.header.h - size) / 2)
        rects = {}
        for name, label in self._bar_labels().items():
            bw = self._button_width(label, size)
            rects[name] = Rect(right - bw, top, bw, size)
            right -= bw + margin
        if rects.keys() != self.bar.rects.keys():
            self.bar.clear()
        self.bar.rects.update(rects)

    def _bar_event(self, event: ev.Event) -> bool:
        if self.attracting:
            return False
        self._lay_out_bar()
        used, fired = self.bar.handle(event)
        if fired == "restart":
            self._start(self.config.default_explorer)
        elif fired == "back":
            self._guard("back", lambda s: s.zoom_out(), None)  # type: ignore[attr-defined]
        return used

    def _draw_bar(self) -> None:
        self._lay_out_bar()
        th, dl = self.theme, self._overlay
        labels = self._bar_labels()
        for name, r in self.bar.rects.items():
            fill = th.control_pressed if self.bar.pressed(name) else th.control
            dl.rect(r.x, r.y, r.right, r.bottom, fill, stroke=th.panel_border,
                    stroke_width=th.stroke_px, radius=th.radius_px)
            dl.text(labels[name], r.cx, r.cy, r.h * 0.36, th.text, anchor="cm", face="bold")

    def switch(self, explorer: str) -> None:
        """Open another of the offered explorers, fresh (a visitor's choice)."""
        if explorer not in self.config.explorers:
            raise ValueError(f"{explorer!r} is not offered by this kiosk")
        self.attracting = False
        self._start(explorer)

    def wants_quit(self) -> bool:
        return self._quit

    # -- time ----------------------------------------------------------------------------
    def update(self, frame: FrameInfo) -> None:
        now = self._now()
        self.notifier.watchdog()
        if self._retry_at is not None and now >= self._retry_at:
            self._start(None if self.attracting else self.config.default_explorer)
        idle = now - self._last_input
        if idle >= self.config.reset_after_s and not self._reset_done:
            self._reset_done = True
            self.pad_open = False
            self.pad.entered = ""
            if not self.attracting:  # the attract loop already started from defaults
                self._start(self.config.default_explorer)
        if idle >= self.config.attract_after_s and not self.attracting:
            self.attracting = True
            self.pad_open = False
            self._start(None)
        self._guard("update", lambda s: s.update(frame), None)
        self._settle()

    def _settle(self) -> None:
        """Stop a visitor's run at the configured epoch; an erroring session is a fault."""
        session = getattr(self.inner, "session", None)
        if session is None:
            return
        try:
            snapshot = session.latest()
            if snapshot.status == "error":
                raise RuntimeError(f"training session error: {snapshot.message}")
            if snapshot.status == "running" and snapshot.epoch >= self.config.train_to_epoch:
                session.pause()
        except Exception:
            self._fault("training session")

    # -- drawing -------------------------------------------------------------------------
    def resize(self, width: int, height: int) -> None:
        super().resize(width, height)
        self.nav.right_limit = self._bar_left()
        self._guard("layout", lambda s: s.resize(width, height), None)
        self.pad.lay_out(width, height, self.theme, self.services.mode.min_target_px
                         * height / 1080.0)

    def set_theme(self, theme: Theme) -> None:
        """Kiosk visitors do not change the theme; the configured one stays."""

    def layers(self) -> Layers:
        out = self._guard("drawing", lambda s: list(s.layers()), [])
        dl = self._overlay
        dl.clear()
        w, h = self.services.size
        th = self.theme
        if not self.attracting:
            self._draw_bar()
        if self.attracting:
            band = h * 0.18
            top = h - band * 1.4
            dl.rect(w * 0.2, top, w * 0.8, top + band, th.accent, radius=band / 2)
            dl.text(self.attract.call, w / 2, top + band / 2, band * 0.45, th.accent_text,
                    anchor="cm", face="bold")
        if self.pad_open:
            dl.rect(0, 0, w, h, (0.0, 0.0, 0.0, 0.45))
            self.pad.draw(dl, th)
        if dl.count():
            out.append((dl, LayerTransform.screen(w, h)))
        return out

    # -- what the app asks ---------------------------------------------------------------
    def is_animating(self) -> bool:
        return self.attracting or self._guard("animation", lambda s: s.is_animating(), False)

    def next_frame_due(self) -> float | None:
        if self.attracting:
            return EVERY_FRAME
        return self._guard("frame schedule", lambda s: s.next_frame_due(), EVERY_FRAME)

    def steps_total(self) -> int:
        return self._guard("step count", lambda s: s.steps_total(), 0)

    def close(self) -> None:
        self._close_inner()
        self.notifier.close()
