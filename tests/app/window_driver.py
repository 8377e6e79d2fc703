"""Drives the real pygame window through fullscreen toggles and resizes (run under Xvfb).

``python -m tests.app.window_driver OUT --size 1280x720 STEP…`` opens nnviz in a real
SDL window, then for each step does one thing a person (or the window manager) does,
runs a fixed number of frames and saves two pictures: the GL framebuffer read back
(``stepN.png``) and the window's area of the X screen (``stepN.screen.png``, what a
person sees). Steps: ``f11`` (a synthetic F11 key press through SDL's queue),
``WxH`` (the window resized to that size through the X server), ``minimise`` (the
window iconified for a while, the loop checked to draw nothing, then restored),
``click:PATH`` (a synthetic mouse click through SDL's queue on the widget at attribute
path ``PATH`` of the scene, e.g. ``overview.look_inside_button``, then frames for a
camera flight), ``wait`` (nothing).

Fullscreen and resizes need a window manager (without one, X keeps the window's old
size while SDL reports the new one): the driver starts openbox and waits until it is
up before opening the window.

Training runs on the frame clock with a fixed dt and the loop never idles, so the
picture after N steps depends only on the drawable size and N: a fresh start at the
same size with N ``wait`` steps must look the same. Each step prints one JSON line
(size, fullscreen, whether a GL buffer made at the start still reads back) for the test to check.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pygame
    from PIL import Image

    from nnviz.app.loop import App
    from nnviz.app.window import PygameWindow

FRAMES_PER_STEP = 8
SETTLE_TIMEOUT_S = 10.0
RESTORE_SETTLE_S = 0.5


def _wait_for(window: PygameWindow, predicate: Callable[[], bool]) -> None:
    """Let SDL read the X server's replies until ``predicate()`` holds (events stay queued)."""
    import pygame

    deadline = time.monotonic() + SETTLE_TIMEOUT_S
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit(f"window did not settle: size {window.size}")
        pygame.event.pump()
        time.sleep(0.02)


def start_window_manager() -> subprocess.Popen:
    """openbox on the current X display, returned once it has finished starting."""
    with tempfile.TemporaryDirectory() as folder:
        ready = Path(folder) / "ready"
        wm = subprocess.Popen(
            ["openbox", "--sm-disable", "--startup", f"touch {ready}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + SETTLE_TIMEOUT_S
        while not ready.exists():
            if time.monotonic() > deadline or wm.poll() is not None:
                raise SystemExit("openbox did not start")
            time.sleep(0.05)
    return wm


def _press_f11() -> None:
    import pygame

    pygame.event.post(
        pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F11, mod=0, scancode=0, unicode="")
    )


CLICK_FRAMES = 80
"""Frames after a click: a camera flight takes one second (60 frames) of animation."""


def _click(app: App, path: str) -> None:
    """Press and release the left button on the widget at ``path`` below the scene."""
    import pygame

    widget: object = app.scene
    for name in path.split("."):
        widget = getattr(widget, name)
    rect = widget.rect  # type: ignore[attr-defined]
    pos = (round(rect.cx), round(rect.cy))
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, pos=pos, button=1))


def _sdl_window() -> pygame.Window:
    import pygame

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return pygame.Window.from_display_module()


def _minimise_and_restore(app: App, window: PygameWindow) -> tuple[int, bool]:
    """Iconify, run the loop a few times, restore: (frames drawn, drew while minimised)."""
    import pygame

    drawn = app.frames_drawn
    pygame.display.iconify()
    _wait_for(window, lambda: not pygame.display.get_active())
    drew_while_minimised = any([app.step_frame() for _ in range(3)])
    _sdl_window().restore()
    _wait_for(window, pygame.display.get_active)
    # SDL calls the window active before the X server maps it again, and the window
    # manager's restore clears the window a moment after it is viewable: frames swapped
    # before that are wiped (a running app redraws on the expose; the driver counts
    # frames, so it lets the restore settle first).
    _wait_for(window, _viewable)
    settle = time.monotonic() + RESTORE_SETTLE_S
    _wait_for(window, lambda: time.monotonic() > settle)
    return app.frames_drawn - drawn, drew_while_minimised


def _xwininfo() -> str:
    """What the X server says of the window (map state, absolute position)."""
    import pygame

    wid = pygame.display.get_wm_info()["window"]
    return subprocess.run(["xwininfo", "-id", str(wid)], capture_output=True, text=True).stdout


def _viewable() -> bool:
    """Whether the X server shows the window."""
    return "IsViewable" in _xwininfo()


def _screen_grab(size: tuple[int, int]) -> Image.Image:
    """The window's area of the X screen, where the X server says the window is (SDL's
    own position goes stale when the window manager places a restored window anew)."""
    from PIL import ImageGrab

    info = dict(
        line.strip().split(":", 1) for line in _xwininfo().splitlines() if ":" in line
    )
    x = int(info["Absolute upper-left X"])
    y = int(info["Absolute upper-left Y"])
    return ImageGrab.grab(bbox=(x, y, x + size[0], y + size[1]), xdisplay=None)


def main() -> None:
    import numpy as np
    from PIL import Image

    from nnviz.anim.clock import FrameTimer
    from nnviz.app.bootstrap import build_app
    from nnviz.app.cli import parse_options
    from nnviz.app.window import PygameWindow
    from nnviz.render.renderer import read_pixels

    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--scene", default="overview")
    parser.add_argument("--fullscreen", action="store_true")
    parser.add_argument("steps", nargs="*")
    args = parser.parse_intermixed_args()

    flags = ["--fixed-dt", "0.016667", "--size", args.size, "--scene", args.scene]
    options = parse_options(flags + (["--fullscreen"] if args.fullscreen else []))
    wm = start_window_manager()
    window = PygameWindow(options.size, fullscreen=options.fullscreen)
    app = build_app(window, options, FrameTimer(fixed_dt=0.016667), threaded_training=False)
    app.idle_enabled = False
    # A buffer made now reads back only while the window's first GL context lives.
    probe_bytes = b"one GL context.."
    probe = window.ctx.buffer(probe_bytes)
    if options.fullscreen:
        _wait_for(window, lambda: window.size != options.size)
    try:
        app.run(FRAMES_PER_STEP)
        for i, step in enumerate(args.steps):
            frames = FRAMES_PER_STEP
            drew_while_minimised = False
            before = window.size
            if step == "f11":
                _press_f11()
                app.run(app.frames_drawn + 1)
                frames -= 1
                _wait_for(window, lambda: window.size != before)  # noqa: B023
            elif step == "minimise":
                used, drew_while_minimised = _minimise_and_restore(app, window)
                frames -= used
            elif step.startswith("click:"):
                _click(app, step.removeprefix("click:"))
                frames = CLICK_FRAMES
            elif step != "wait":
                w, h = (int(v) for v in step.split("x"))
                _sdl_window().size = (w, h)
                _wait_for(window, lambda: window.size == (w, h))  # noqa: B023
            app.run(app.frames_drawn + frames)
            pixels = read_pixels(window.framebuffer)
            Image.fromarray(np.ascontiguousarray(pixels[:, :, :3]), "RGB").save(
                args.out / f"step{i}.png"
            )
            _screen_grab(window.size).convert("RGB").save(args.out / f"step{i}.screen.png")
            report = {
                "step": step,
                "size": list(window.size),
                "scene_size": list(app.scene.services.size),
                "fullscreen": window.fullscreen,
                "same_context": probe.read() == probe_bytes,
                "frames": app.frames_drawn,
                "drew_while_minimised": drew_while_minimised,
                "level": getattr(app.scene, "level", None),
            }
            print(json.dumps(report), flush=True)
    finally:
        app.scene.close()
        window.close()
        wm.terminate()
        wm.wait()


if __name__ == "__main__":
    main()
