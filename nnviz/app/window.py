"""Windows: a real pygame window and a headless EGL one, behind one interface.

The loop, the scenes and the renderer cannot tell them apart: both give a
moderngl context, a framebuffer to draw into, the drawable size, a list of
nnviz events per frame and a way to wait for input when nothing moves. That is
why headless screenshots show exactly what a person sees.

A window keeps ONE OpenGL context for its whole life. Fullscreen toggles go through
SDL's ``SDL_SetWindowFullscreen`` (``pygame.display.toggle_fullscreen``), never a
second ``set_mode``, which would make a new context and strand every program, buffer
and texture in the old one. moderngl's default framebuffer keeps the size it had
when the context was made, so the window sets its viewport to the current drawable
size and the renderer draws into the viewport. Sizes are drawable pixels throughout
(:mod:`nnviz.app.pixel_ratio`): a HiDPI screen, or a move between screens, changes
them, and the scenes lay out again.
"""

from __future__ import annotations

from collections import deque
from typing import Protocol

import moderngl

from nnviz.app.display import has_display, video_driver_problem
from nnviz.app.frame_limits import clamp_frame_size, is_drawable
from nnviz.app.pixel_ratio import DrawableMap, sdl_drawable_size, with_resize
from nnviz.app.sdl_wait import native_wait
from nnviz.render.glutil import finish, release
from nnviz.render.renderer import check_gl_version
from nnviz.ui import events as ev

DEFAULT_SIZE = (1280, 720)
TITLE = "nnviz"


class WindowError(RuntimeError):
    """The window or its GL context could not be made; the message says what to do."""


class Window(Protocol):
    ctx: moderngl.Context

    @property
    def size(self) -> tuple[int, int]: ...

    @property
    def framebuffer(self) -> moderngl.Framebuffer: ...

    @property
    def visible(self) -> bool:
        """False while minimised or hidden: nothing is laid out or drawn then."""
        ...

    def take_redraw_request(self) -> bool:
        """True once after the window's contents were lost (exposed, restored)."""
        ...

    def poll_events(self) -> list[ev.Event]: ...

    def wait_events(self, timeout: float) -> list[ev.Event]: ...

    def present(self) -> None: ...

    def toggle_fullscreen(self) -> None: ...

    def close(self) -> None: ...


class HeadlessWindow:
    """An offscreen EGL context and framebuffer; needs no display.

    Events can be queued with :meth:`inject` (tests and scripted demos); a
    :class:`~nnviz.ui.events.Resize` injected here also resizes the framebuffer, as a
    person resizing a window would (0×0 stands for minimised; sizes beyond the frame
    limit are shrunk to it, as a screen could not be larger).
    """

    def __init__(self, size: tuple[int, int]) -> None:
        try:
            self.ctx = moderngl.create_standalone_context(require=330, backend="egl")
        except Exception as exc:
            raise WindowError(
                f"could not create a headless OpenGL 3.3 context through EGL ({exc}). "
                "On Debian/Ubuntu install: apt-get install libgl1 libegl1 libgl1-mesa-dri"
            ) from exc
        check_gl_version(self.ctx)
        self._queue: deque[ev.Event] = deque()
        self._fbo: moderngl.Framebuffer | None = None
        self._make_framebuffer(size)

    def _make_framebuffer(self, size: tuple[int, int]) -> None:
        if self._fbo is not None:
            release(self.ctx, *self._fbo.color_attachments, self._fbo)
        texture = self.ctx.texture(size, 4)
        self._fbo = self.ctx.framebuffer(color_attachments=[texture])
        self._size = size

    @property
    def size(self) -> tuple[int, int]:
        return self._size

    @property
    def framebuffer(self) -> moderngl.Framebuffer:
        assert self._fbo is not None
        return self._fbo

    def inject(self, *events: ev.Event) -> None:
        """Queue events to be returned by the next :meth:`poll_events`."""
        self._queue.extend(events)

    def poll_events(self) -> list[ev.Event]:
        out = list(self._queue)
        self._queue.clear()
        for event in out:
            if isinstance(event, ev.Resize):
                self._resize(clamp_frame_size(event.width, event.height))
        return out

    def _resize(self, size: tuple[int, int]) -> None:
        if not is_drawable(size):
            self._size = size  # minimised: keep the framebuffer for when it comes back
        elif self._fbo is None or size != self._fbo.size:
            self._make_framebuffer(size)
        else:
            self._size = size

    @property
    def visible(self) -> bool:
        return is_drawable(self._size)

    def take_redraw_request(self) -> bool:
        return False

    def wait_events(self, timeout: float) -> list[ev.Event]:
        return self.poll_events()

    def present(self) -> None:
        """Wait for the frame to be complete, like a window's buffer swap does (and, like
        it, without holding the GIL), so headless runs pace and behave as a window."""
        finish(self.ctx)

    def toggle_fullscreen(self) -> None:
        """Headless windows have no screen to fill."""

    def close(self) -> None:
        self._fbo = None
        self.ctx.release()


class PygameWindow:
    """A resizable SDL window with an OpenGL 3.3 core, forward-compatible context."""

    def __init__(
        self,
        size: tuple[int, int] = DEFAULT_SIZE,
        fullscreen: bool = False,
        cursor_visible: bool = True,
        locked: bool = False,
    ) -> None:
        """``locked`` (kiosk): the window takes itself back to the front and to
        fullscreen whenever it loses focus, is minimised or leaves fullscreen."""
        import pygame

        from nnviz.app import events as translate

        self._pg = pygame
        self._translate = translate
        if not has_display():
            raise WindowError(
                "no display found: run 'nnviz --headless --screenshot out.png' for a picture, "
                "or start nnviz under a display (for example: xvfb-run nnviz)"
            )
        try:
            pygame.display.init()
        except pygame.error as exc:
            raise WindowError(
                f"could not open a display ({exc}): use --headless, or run under a display"
            ) from exc
        problem = video_driver_problem(pygame.display.get_driver())
        if problem is not None:
            pygame.display.quit()
            raise WindowError(problem)
        pygame.display.gl_set_attribute(pygame.GL_CONTEXT_MAJOR_VERSION, 3)
        pygame.display.gl_set_attribute(pygame.GL_CONTEXT_MINOR_VERSION, 3)
        pygame.display.gl_set_attribute(
            pygame.GL_CONTEXT_PROFILE_MASK, pygame.GL_CONTEXT_PROFILE_CORE
        )
        pygame.display.gl_set_attribute(pygame.GL_CONTEXT_FORWARD_COMPATIBLE_FLAG, 1)
        pygame.display.gl_set_attribute(pygame.GL_DOUBLEBUFFER, 1)
        self._open(size)
        pygame.display.set_caption(TITLE)
        try:
            self.ctx = moderngl.create_context(require=330)
        except Exception as exc:
            raise WindowError(f"could not create an OpenGL 3.3 core context: {exc}") from exc
        check_gl_version(self.ctx)
        window_w, _ = pygame.display.get_window_size()
        drawable_w = self.ctx.screen.viewport[2] or window_w
        # HiDPI: the drawable may have more pixels than the window has points, and how
        # many more changes when the window moves to another screen (read afresh).
        self._pixels = DrawableMap(pygame.display.get_window_size, sdl_drawable_size(),
                                   drawable_w / max(window_w, 1))  # fmt: skip
        self._drawable: tuple[int, int] | None = None
        """The drawable size the last events were translated for."""
        self._screen_size = (0, 0)
        self._visible = True
        self._native_wait = native_wait()
        """SDL's own blocking wait, or None (then pygame's, which polls every 1 ms)."""
        self._redraw = False
        self.locked = locked and fullscreen
        self._reclaim = False
        self.reclaims = 0
        """How often a locked window took itself back (tests read it)."""
        pygame.key.set_repeat(400, 40)
        pygame.mouse.set_visible(cursor_visible)
        if fullscreen:
            self.toggle_fullscreen()

    def _open(self, size: tuple[int, int]) -> None:
        """Open the window (windowed and resizable); the only ``set_mode`` of its life."""
        pg = self._pg
        flags = pg.OPENGL | pg.DOUBLEBUF | pg.RESIZABLE
        try:
            pg.display.set_mode(size, flags, vsync=1)
        except pg.error:
            # Some drivers (virtual displays, remote sessions) cannot sync to the display;
            # the frame timer still keeps motion correct without it.
            try:
                pg.display.set_mode(size, flags)
            except pg.error as exc:
                raise WindowError(f"could not open an OpenGL window: {exc}") from exc

    @property
    def size(self) -> tuple[int, int]:
        """The drawable in pixels (on a HiDPI screen more than the window's points)."""
        return self._pixels.size

    @property
    def framebuffer(self) -> moderngl.Framebuffer:
        """The default framebuffer, its viewport (and scissor) reset to the drawable size
        whenever that changed (fullscreen, resize), so drawing fills the new window."""
        screen = self.ctx.screen
        size = self.size
        if size != self._screen_size and is_drawable(size):
            screen.viewport = (0, 0, *size)
            screen.scissor = (0, 0, *size)
            self._screen_size = size
        return screen

    @property
    def visible(self) -> bool:
        return self._visible

    def take_redraw_request(self) -> bool:
        requested, self._redraw = self._redraw, False
        return requested

    def _convert(self, raw: list) -> list[ev.Event]:
        out: list[ev.Event] = []
        size, ratio = self.size, self._pixels.ratio
        for event in raw:
            self._track_window_state(event)
            out.extend(self._translate.translate(event, size, ratio))
        # A move to a screen of another pixel ratio changes the drawable, not the window.
        out = with_resize(out, self._drawable, size)
        self._drawable = size
        if self.locked and (self._reclaim or not self.fullscreen):
            self._take_back()
        return out

    def _take_back(self) -> None:
        """Restore, raise and focus the window, fullscreen again (a locked kiosk)."""
        import warnings

        self._reclaim = False
        self.reclaims += 1
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            sdl_window = self._pg.Window.from_display_module()
        sdl_window.restore()
        sdl_window.focus()
        if not self.fullscreen:
            self.toggle_fullscreen()
        self._visible = True
        self._redraw = True

    def _track_window_state(self, event: object) -> None:
        pg = self._pg
        kind = getattr(event, "type", None)
        if kind in (pg.WINDOWMINIMIZED, pg.WINDOWHIDDEN, pg.WINDOWFOCUSLOST) and self.locked:
            self._reclaim = True
        if kind in (pg.WINDOWMINIMIZED, pg.WINDOWHIDDEN):
            self._visible = False
        elif kind in (pg.WINDOWRESTORED, pg.WINDOWSHOWN, pg.WINDOWEXPOSED):
            self._visible = True
            self._redraw = True

    def poll_events(self) -> list[ev.Event]:
        return self._convert(self._pg.event.get())

    def wait_events(self, timeout: float) -> list[ev.Event]:
        """Sleep until input arrives or ``timeout`` passes (the idle loop's 0 % CPU)."""
        if self._native_wait is not None:
            self._native_wait(timeout)
            return self.poll_events()
        first = self._pg.event.wait(max(1, int(timeout * 1000)))
        raw = [] if first.type == self._pg.NOEVENT else [first]
        return self._convert(raw + self._pg.event.get())

    def present(self) -> None:
        self._pg.display.flip()

    @property
    def fullscreen(self) -> bool:
        return bool(self._pg.display.is_fullscreen())

    def toggle_fullscreen(self) -> None:
        """Fill the screen, or go back to the window, keeping the GL context."""
        if self._pg.display.toggle_fullscreen() != 0:
            # Not supported on this platform (SDL said so); stay as we are.
            return
        self._redraw = True

    def close(self) -> None:
        self._pg.display.quit()
