"""The game loop: events → clocks → scene update → draw → present, for any window.

One loop serves the desktop window and headless runs, so screenshots and
benchmarks exercise exactly what a person sees. Time enters only through the
:class:`~nnviz.anim.clock.FrameTimer` (fixed dt when headless), the two clocks
split it into simulation steps and animation time, and the
:class:`~nnviz.app.idle.IdlePolicy` lets a window that shows nothing moving
block on its event queue instead of redrawing at 0 % usefulness.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nnviz.anim.clock import AnimClock, FrameTimer, SimClock
from nnviz.app.explorers import Explorers
from nnviz.app.frame_limits import is_drawable
from nnviz.app.frame_stats import FrameStats, RateMeter
from nnviz.app.idle import MAX_WAIT_S, FrameSchedule, dash_interval
from nnviz.app.input_guard import sanitize
from nnviz.app.notice import Notice
from nnviz.app.overlay import PerfOverlay
from nnviz.app.presenter import Presenter
from nnviz.app.record import LiveRecording, Recorder, mp4_available
from nnviz.app.screenshot import write_png
from nnviz.app.session_file import (
    SessionFileError,
    free_name,
    load_session,
    newest_session,
    save_session,
)
from nnviz.app.sessions import capture, explorer, explorer_name, restore
from nnviz.app.tour import Tour, TourMemory
from nnviz.app.window import Window
from nnviz.render.glutil import finish
from nnviz.render.renderer import LayerTransform, Renderer, read_pixels
from nnviz.render.retained import RetainedCanvas
from nnviz.scenes.base import EVERY_FRAME, FrameInfo, Layers, Scene, earliest
from nnviz.ui import events as ev
from nnviz.ui.mode import DESKTOP, AppAction, ControlSet, Mode
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
        self.canvas: RetainedCanvas | None = RetainedCanvas(renderer)
        """The kept picture, redrawn where it changed (``None``: every frame in full)."""
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
        self.presenter = Presenter(renderer, pointer_ring=mode.controls is ControlSet.CLASSROOM,
                                   keys=mode.input.presenter_keys)  # fmt: skip
        self.tour = Tour(renderer, TourMemory())
        """The guided tour (offered on a first start, Ctrl+F1 any time)."""
        self.live_recording: LiveRecording | None = None
        """F9's recording in progress, if any."""
        self._writing: list[threading.Thread] = []
        self._written: list[str] = []
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
            elif self._taken_before_the_app(event):
                continue
            elif isinstance(event, ev.KeyDown) and not self.presenter.after(event, self.scene):
                self._app_key(event)

    def _taken_before_the_app(self, event: ev.Event) -> bool:
        """The tour, the presenter's tools, then the scene: whoever uses an event first."""
        tour, scene = self.tour, self.scene
        return tour.handle(event, scene) or self.presenter.before(event, scene) or scene.handle(
            event)  # fmt: skip

    def _app_key(self, event: ev.KeyDown) -> None:
        """Keys every scene shares, when the scene did not use them and the mode allows."""
        action = self.mode.input.action(event)
        if action is not None:
            self.perform(action)

    def perform(self, action: AppAction) -> None:
        """Do what one of the app's own keys asks for."""
        if action is AppAction.OVERLAY:
            self.overlay.visible = not self.overlay.visible
        elif action is AppAction.FULLSCREEN:
            self.window.toggle_fullscreen()
            self.sync_layout()
        elif action is AppAction.THEME:
            self.cycle_theme()
        elif action is AppAction.QUIT:
            self._quit = True
        elif action is AppAction.SAVE:
            self.save_session()
        elif action is AppAction.OPEN:
            self.open_newest_session()
        elif action is AppAction.PICTURE:
            self.save_picture()
        elif action is AppAction.PICTURE_2X:
            self.save_picture(scale=2)
        elif action is AppAction.CARD_PICTURE:
            self.save_card_picture()
        elif action is AppAction.RECORD:
            self.toggle_recording()
        elif action is AppAction.TOUR and not self.tour.start(self.scene):
            self.notice.show("This view has no tour yet: ? lists its keys, every ⓘ explains")

    # -- pictures and videos ---------------------------------------------------------------
    def save_picture(self, scale: int = 1) -> Path | None:
        """F12: the last drawn frame as a new PNG in :attr:`save_dir` (never over a file);
        Shift+F12: the same picture drawn again at ``scale``× the window's pixels."""
        if scale == 1:
            return self._save_png("nnviz", lambda: read_pixels(self.window.framebuffer))
        size = self.window.size
        layers = self.presenter.compose(list(self.scene.layers()), self.scene,
                                        self.scene.theme, size)  # fmt: skip
        return self._save_png("nnviz", lambda: self.renderer.picture(
            layers, size, scale, clear=self.scene.theme.background))  # fmt: skip

    def save_card_picture(self, scale: int = 2) -> Path | None:
        """Ctrl+F12: one card (shown big, spotlit, or under the pointer) alone, at
        ``scale``×, without the presenter's veils or pointer: a figure for a slide."""
        shown = explorer(self.scene)
        card = self.presenter.chosen_card(self.scene)
        rect = shown.target_rect(card) if card is not None else None
        if card is None or rect is None:
            self.notice.show("Point at a card (or spotlight one) to take its picture")
            return None
        size = self.window.size

        def cropped() -> np.ndarray:
            pixels = self.renderer.picture(list(self.scene.layers()), size, scale,
                                           clear=self.scene.theme.background)  # fmt: skip
            k = pixels.shape[1] / size[0]
            x, y, w, h = rect
            x0, y0 = max(int(x * k), 0), max(int(y * k), 0)
            return pixels[y0 : max(int((y + h) * k), y0 + 1), x0 : max(int((x + w) * k), x0 + 1)]

        return self._save_png(f"nnviz-{_file_word(card)}", cropped)

    def _save_png(self, stem: str, pixels: Callable[[], np.ndarray]) -> Path | None:
        try:
            path = free_name(self.save_dir, stem, ".png")
            write_png(pixels(), path)
        except (OSError, SessionFileError) as exc:
            self.notice.show(f"cannot save the picture: {getattr(exc, 'strerror', None) or exc}")
            return None
        self.notice.show(f"Picture saved to {path}")
        return path

    def toggle_recording(self) -> Path | None:
        """F9: start a video of the window in :attr:`save_dir`, or stop and write it."""
        now = self.timer.source.now()
        if self.live_recording is not None:
            self.stop_recording(now)
            return None
        try:
            path = free_name(self.save_dir, "nnviz", ".mp4" if mp4_available() else ".gif")
        except SessionFileError as exc:
            self.notice.show(str(exc))
            return None
        self.live_recording = LiveRecording(path, now)
        self.idle.request_redraw()  # the first frame of the video is the screen as it is
        self.notice.show(f"Recording to {path} (F9 stops)")
        return path

    def stop_recording(self, now: float) -> None:
        """End the recording; the file is written in the background (a GIF of 300 frames
        takes seconds to encode) and the notice says where it went."""
        recording, self.live_recording = self.live_recording, None
        if recording is None:
            return
        self.notice.show(f"Writing {recording.path} …")

        def write() -> None:
            try:
                path = recording.finish(now)
                said = f"Video saved to {path}" if path else "Nothing was drawn: no video saved"
            except OSError as exc:
                said = f"cannot save the video: {exc.strerror or exc}"
            self._written.append(said)

        thread = threading.Thread(target=write, name="nnviz-video", daemon=False)
        self._writing.append(thread)
        thread.start()

    def _record_frame(self) -> None:
        """Hand the frame just drawn to a recording, then mark the screen (not the video)."""
        if self.recorder is not None:
            self.recorder.add(read_pixels(self.window.framebuffer))
        recording = self.live_recording
        if recording is None:
            return
        now = self.timer.source.now()
        if recording.wants_frame(now):
            recording.take(read_pixels(self.window.framebuffer), now)
        if recording.over_limit(now):
            self.stop_recording(now)

    def finish_writing(self) -> None:
        """Stop a recording and wait for videos still being written (at quit: a video
        recorded until the window closed is kept)."""
        if self.live_recording is not None:
            self.stop_recording(self.timer.source.now())
        for thread in self._writing:
            thread.join()
        self._writing.clear()

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
        while self._written:
            self.notice.show(self._written.pop(0))
            self.idle.request_redraw()
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
        """Render the scene (with the presenter's tools) into the window's framebuffer,
        hand it to a recording, then draw the app's own chrome (overlay, notice, the
        recording badge) over it: a video shows the picture, not the app talking."""
        self.renderer.dash_time = frame.anim_time
        size = self.window.size
        layers = self.presenter.compose(list(self.scene.layers()), self.scene,
                                        self.scene.theme, size)  # fmt: skip
        background = self.scene.theme.background
        if self.canvas is None:
            self.renderer.render(self.window.framebuffer, layers, clear=background)
        else:
            self.canvas.render(self.window.framebuffer, layers, clear=background)
        self._record_frame()
        chrome = self._chrome(size)
        if chrome:
            content = self.renderer.stats  # the scene's frame paces the idle loop
            self.renderer.render(self.window.framebuffer, chrome)
            self.renderer.stats = content
        self.renderer.ctx.gc()

    def _chrome(self, size: tuple[int, int]) -> Layers:
        """The app's own layers over the picture: frame-time overlay, notice, REC badge."""
        screen = LayerTransform.screen(*size)
        theme = self.scene.theme
        out: Layers = []
        if self.overlay.visible:
            self.overlay.build(theme, size, self.frame_stats, self.step_rate.rate,
                               self.renderer.stats.primitives)  # fmt: skip
            out.append((self.overlay.draw_list, screen))
        tour = self.tour.build(self.scene, theme, size)
        out += [(dl, screen) for dl in tour or ()]
        if self.notice.visible:
            out.append((self.notice.build(theme, size), screen))
        if self.live_recording is not None:
            out.append((self.notice.badge(theme, size, "● REC   F9 stops"), screen))
        return out

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


def _file_word(name: str) -> str:
    """A card's name as part of a file name: ``arith:2`` → ``arith-2``."""
    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-") or "card"

