"""The game loop: events → clocks → scene update → draw → present, for any window.

One loop serves the desktop window and headless runs, so screenshots and
benchmarks exercise exactly what a person sees. Time enters only through the
:class:`~nnviz.anim.clock.FrameTimer` (fixed dt when headless), the two clocks
split it into simulation steps and animation time, and the
:class:`~nnviz.app.idle.IdlePolicy` lets a window that shows nothing moving
block on its event queue instead of redrawing at 0 % usefulness.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from nnviz.anim.clock import AnimClock, FrameTimer, SimClock
from nnviz.app.explorers import Explorers
from nnviz.app.frame_limits import is_drawable
from nnviz.app.frame_stats import FrameStats, RateMeter
from nnviz.app.idle import MAX_WAIT_S, FrameSchedule, dash_interval
from nnviz.app.input_guard import sanitize
from nnviz.app.notice import Notice
from nnviz.app.overlay import PerfOverlay
from nnviz.app.presenter import Presenter
from nnviz.app.record import Recorder
from nnviz.app.screenshot import write_png
from nnviz.app.session_file import (
    SessionFileError,
    free_name,
    load_session,
    newest_session,
    save_session,
)
from nnviz.app.sessions import capture, explorer_name, restore
from nnviz.app.window import Window
from nnviz.render.glutil import finish
from nnviz.render.renderer import LayerTransform, Renderer, read_pixels
from nnviz.scenes.base import EVERY_FRAME, FrameInfo, Scene, earliest
from nnviz.ui import events as ev
from nnviz.ui.mode import DESKTOP, ControlSet, Mode
from nnviz.ui.theme import THEMES, Theme

IDLE_WAIT_S = MAX_WAIT_S
"""Longest block on the event queue while idle (the overlay's numbers still refresh)."""


@dataclass
class LoopResult:
    frames: int
    quit_requested: bool


class App:
    """Runs a :class:`Scene` in a :class:`Window` until quit or a frame budget is spent.

    The scene is laid out for the drawable size the window reports, checked every frame
    (not only on resize events, which platforms send late, twice or not at all around a
    fullscreen toggle); a minimised window (0×0, or hidden) is neither laid out nor
    drawn. The :class:`~nnviz.ui.mode.Mode` decides which of the app's keys are honoured.
    """

    def __init__(
        self,
        window: Window,
        renderer: Renderer,
        scene: Scene,
        timer: FrameTimer,
        *,
        mode: Mode = DESKTOP,
        idle_enabled: bool = True,
        sync_each_frame: bool = False,
    ) -> None:
        self.window = window
        self.mode = mode
        self.renderer = renderer
        self.scene = scene
        self.timer = timer
        self.schedule = FrameSchedule(timer.source)
        self.idle = self.schedule.policy
        self.idle_enabled = idle_enabled
        self.sync_each_frame = sync_each_frame
        self.frame_stats = FrameStats(capacity=600)
        self.step_rate = RateMeter(window=1.0)
        self.overlay = PerfOverlay(renderer)
        self.notice = Notice(renderer)
        self.recorder: Recorder | None = None
        """Set by ``--record``: every drawn frame goes to it."""
        self.presenter = Presenter(renderer, pointer_ring=mode.controls is ControlSet.CLASSROOM)
        self.save_dir = Path.cwd()
        """Where Ctrl+S writes sessions and Ctrl+O looks for the newest one."""
        self.explorers: Explorers | None = None
        """Set for a desktop or lecture window: the explorers a switcher moves between."""
        self.frames_drawn = 0
        self._pending: list[ev.Event] = []
        self._quit = False
        self._layout_size: tuple[int, int] | None = None
        self._wall = time.perf_counter

    @property
    def sim_clock(self) -> SimClock:
        return self.scene.services.sim_clock

    @property
    def anim_clock(self) -> AnimClock:
        return self.scene.services.anim_clock

    # -- events --------------------------------------------------------------------------
    def _dispatch(self, events: list[ev.Event]) -> None:
        for event in sanitize(events):
            if isinstance(event, ev.Quit):
                self._quit = self._quit or self.mode.input.close_request_quits
            elif isinstance(event, ev.Resize):
                self.sync_layout()
            elif self.presenter.before(event, self.scene) or self.scene.handle(event):
                continue
            elif isinstance(event, ev.KeyDown) and not self.presenter.after(event, self.scene):
                self._app_key(event)

    def _app_key(self, event: ev.KeyDown) -> None:
        """Keys every scene shares, when the scene did not use them and the mode allows."""
        policy = self.mode.input
        if policy.toggles_overlay(event):
            self.overlay.visible = not self.overlay.visible
        elif policy.toggles_fullscreen(event):
            self.window.toggle_fullscreen()
            self.sync_layout()
        elif policy.cycles_theme(event):
            self.cycle_theme()
        elif policy.quits(event):
            self._quit = True
        elif policy.saves(event):
            self.save_session()
        elif policy.opens(event):
            self.open_newest_session()
        elif policy.takes_picture(event):
            self.save_picture()

    def save_picture(self) -> Path | None:
        """F12: the last drawn frame as a new PNG in :attr:`save_dir` (never over a file)."""
        try:
            path = free_name(self.save_dir, "nnviz", ".png")
            self.screenshot(path)
        except (OSError, SessionFileError) as exc:
            self.notice.show(f"cannot save the picture: {getattr(exc, 'strerror', None) or exc}")
            return None
        self.notice.show(f"Picture saved to {path}")
        return path

    # -- sessions ------------------------------------------------------------------------
    def save_session(self) -> Path | None:
        """Save the explorer's session to a new file in :attr:`save_dir` (never over an
        existing one) and say where; None when nothing was saved."""
        saved = capture(self.scene, self.scene.services.seed)
        if saved is None:
            self.notice.show("This scene has no training session to save.")
            return None
        try:
            path = save_session(free_name(self.save_dir), saved)
        except SessionFileError as exc:
            self.notice.show(str(exc))
            return None
        self.notice.show(f"Session saved to {path}")
        return path

    def open_session(self, path: Path) -> bool:
        """Continue the session saved in ``path``; a bad file changes nothing."""
        try:
            saved = load_session(path)
        except SessionFileError as exc:
            self.notice.show(str(exc))
            return False
        if saved.scene != explorer_name(self.scene):
            self.notice.show(f"{path} was saved in the {saved.scene!r} explorer: "
                             f"open it with  nnviz {path}")  # fmt: skip
            return False
        if not restore(self.scene, saved):
            self.notice.show("This scene has no training session to continue.")
            return False
        self.notice.show(f"Continuing {path} at epoch {saved.run.epoch}")
        return True

    def open_newest_session(self) -> bool:
        """Ctrl+O: continue the newest session in :attr:`save_dir`."""
        path = newest_session(self.save_dir)
        if path is None:
            self.notice.show(f"No saved session in {self.save_dir}")
            return False
        return self.open_session(path)

    def follow_navigation(self) -> None:
        """Show the explorer, lesson or picker a switcher or link asked for (between
        frames, never inside the scene's own event handling)."""
        if self.explorers is None:
            return
        scene = self.explorers.follow()
        if self.explorers.message:
            self.notice.show(self.explorers.message)
            self.explorers.message = ""
        if scene is not None:
            self.scene = scene
            self._layout_size = None  # lay the new scene out for this window
            self.idle.request_redraw()

    def close_scenes(self) -> None:
        """Close the scene on screen and every explorer kept off screen."""
        if self.explorers is not None:
            self.explorers.close()
        else:
            self.scene.close()

    def sync_layout(self) -> bool:
        """Lay the scene out again if the drawable changed size; False while there is
        nothing to draw into (minimised)."""
        size = self.window.size
        if not (is_drawable(size) and self.window.visible):
            return False
        if size != self._layout_size:
            self.scene.resize(*size)
            self._layout_size = size
            self.idle.request_redraw()
        return True

    def cycle_theme(self) -> Theme:
        """Light → dark → projector → light (F2)."""
        names = list(THEMES)
        current = self.scene.theme.name
        following = names[(names.index(current) + 1) % len(names)] if current in names else names[0]
        self.scene.set_theme(THEMES[following])
        return self.scene.theme

    # -- one frame ----------------------------------------------------------------------
    def step_frame(self) -> bool:
        """Run one iteration; returns whether a frame was drawn."""
        events = self._pending + self.window.poll_events()
        self._pending = []
        self._dispatch(events)
        self.follow_navigation()
        self._quit = self._quit or self.scene.wants_quit()
        if self.window.take_redraw_request():
            self.idle.request_redraw()
        if not self.sync_layout():
            # Minimised: nothing to draw into; sleep until the window comes back.
            self._pending = self.window.wait_events(IDLE_WAIT_S)
            self.timer.reset()
            return False
        started = self._wall()
        dt = self.timer.tick()
        frame = FrameInfo(
            dt=dt,
            anim_dt=self.anim_clock.tick(dt),
            anim_time=self.anim_clock.time,
            sim_steps=self.sim_clock.advance(dt),
            frame=self.timer.frame,
        )
        self.scene.update(frame)
        self.notice.update(dt)
        self.presenter.update(dt)
        self.step_rate.update(self.timer.source.now(), self.scene.steps_total())
        due = self.next_frame_due()
        wait = self.schedule.decide(
            due=due, sim_running=not self.sim_clock.paused, had_input=bool(events)
        )
        if wait > 0.0 and self.idle_enabled:
            self._pending = self.window.wait_events(wait)
            if due is None:
                self.timer.reset()  # at rest: the sleep is not animation time
            return False
        self.draw(frame)
        if self.recorder is not None:
            self.recorder.add(read_pixels(self.window.framebuffer))
        self.schedule.mark_drawn()
        self.window.present()
        if self.sync_each_frame:
            finish(self.renderer.ctx)
        self.frame_stats.push(self._wall() - started)
        self.frames_drawn += 1
        return True

    def next_frame_due(self) -> float | None:
        """When the picture next changes by itself: the scene's answer, or sooner when the
        last frame drew dashes that flow (as often as they move a pixel)."""
        dashes = dash_interval(self.renderer.stats.dash_speed_px, self.anim_clock)
        overlays_move = self.notice.visible or self.presenter.animating
        return earliest(self.scene.next_frame_due(), dashes, EVERY_FRAME if overlays_move else None)

    def draw(self, frame: FrameInfo) -> None:
        """Render the scene (and the overlay) into the window's framebuffer."""
        self.renderer.dash_time = frame.anim_time
        size = self.window.size
        layers = self.presenter.compose(list(self.scene.layers()), self.scene,
                                        self.scene.theme, size)  # fmt: skip
        if self.overlay.visible:
            w, h = self.window.size
            self.overlay.build(
                self.scene.theme,
                (w, h),
                self.frame_stats,
                self.step_rate.rate,
                self.renderer.stats.primitives,
            )
            layers.append((self.overlay.draw_list, LayerTransform.screen(w, h)))
        if self.notice.visible:
            notice = self.notice.build(self.scene.theme, size)
            layers.append((notice, LayerTransform.screen(*size)))
        self.renderer.render(self.window.framebuffer, layers, clear=self.scene.theme.background)
        self.renderer.ctx.gc()

    def run(self, max_frames: int | None = None) -> LoopResult:
        """Loop until quit, or until ``max_frames`` frames were drawn."""
        self.sync_layout()
        while not self._quit:
            if max_frames is not None and self.frames_drawn >= max_frames:
                break
            self.step_frame()
        return LoopResult(self.frames_drawn, self._quit)

    def screenshot(self, path: str | Path) -> None:
        """Save the last drawn frame as PNG (replacing an existing file atomically)."""
        write_png(read_pixels(self.window.framebuffer), Path(path))
