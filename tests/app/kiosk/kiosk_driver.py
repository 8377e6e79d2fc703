"""Tries every way out of a locked kiosk in a real window (run under Xvfb with openbox).

``python -m tests.app.kiosk.kiosk_driver STATE_DIR`` opens nnviz in kiosk mode in a real
SDL window under a window manager, then tries each escape route a visitor has: the app's
keys (Ctrl+Q, Alt+F4, Esc, F11, F2, F3) and the window manager's close request posted
through SDL's queue as the platform delivers them, and a real minimise (focus lost) and
a real leave-fullscreen through the X server. After each it runs some frames and prints
one JSON line: fullscreen, size, frames drawn, whether the app asked to quit and how
many colours the window's area of the X screen shows (a picture, not a blank). Last,
staff try a wrong PIN and then the right one, tapped on the on-screen keypad.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
import pygame

from tests.app.window_driver import _screen_grab, _viewable, _wait_for, start_window_manager

FRAMES = 4
PIN = "1357"


def key(name: int, mod: int = 0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=name, mod=mod, scancode=0,
                                         unicode=""))


def click(x: float, y: float) -> None:
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, pos=(int(x), int(y)), button=1, touch=False))


ROUTES = {
    "ctrl+q": lambda: key(pygame.K_q, pygame.KMOD_CTRL),
    "alt+f4": lambda: key(pygame.K_F4, pygame.KMOD_ALT),
    "escape": lambda: key(pygame.K_ESCAPE),
    "f11": lambda: key(pygame.K_F11),
    "f2": lambda: key(pygame.K_F2),
    "f3": lambda: key(pygame.K_F3),
    "close": lambda: pygame.event.post(pygame.event.Event(pygame.QUIT)),
    "minimise": pygame.display.iconify,
    "leave-fullscreen": pygame.display.toggle_fullscreen,
}


def main() -> None:
    from nnviz.anim.clock import FrameTimer
    from nnviz.app.bootstrap import build_app
    from nnviz.app.cli import parse_options
    from nnviz.app.window import PygameWindow

    state = Path(sys.argv[1])
    config = state / "kiosk.toml"
    config.write_text(f'explorers = ["demo"]\nexit_pin = "{PIN}"\nstate_dir = "{state}"\n')
    options = parse_options(["--mode", "kiosk", "--kiosk-config", str(config),
                             "--fixed-dt", "0.016667"])
    wm = start_window_manager()
    window = PygameWindow(options.size, fullscreen=True, cursor_visible=False, locked=True)
    app = build_app(window, options, FrameTimer(fixed_dt=0.016667), threaded_training=False)
    app.idle_enabled = False
    _wait_for(window, lambda: window.size != options.size)

    def report(step: str) -> None:
        # Let the window manager's answer arrive, then draw.
        settle = time.monotonic() + 0.5
        while time.monotonic() < settle:
            app.step_frame()
            time.sleep(0.02)
        _wait_for(window, _viewable)
        result = app.run(app.frames_drawn + FRAMES)
        grab = np.asarray(_screen_grab(window.size).convert("RGB"))
        print(json.dumps({
            "step": step,
            "fullscreen": window.fullscreen,
            "size": list(window.size),
            "frames": app.frames_drawn,
            "quit": result.quit_requested,
            "colours": len(np.unique(grab.reshape(-1, 3), axis=0)),
            "overlay": app.overlay.visible,
            "reclaims": window.reclaims,
        }), flush=True)

    try:
        report("start")
        for name, route in ROUTES.items():
            route()
            report(name)
        shell = app.scene
        key(pygame.K_q, pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_SHIFT)
        report("exit-chord")
        for digit in "9999":
            click(shell.pad.keys[digit].cx, shell.pad.keys[digit].cy)
        click(shell.pad.keys["ok"].cx, shell.pad.keys["ok"].cy)
        report("wrong-pin")
        for digit in PIN:
            click(shell.pad.keys[digit].cx, shell.pad.keys[digit].cy)
        click(shell.pad.keys["ok"].cx, shell.pad.keys["ok"].cy)
        app.step_frame()
        print(json.dumps({"step": "right-pin", "quit": app.run(app.frames_drawn + 2)
                          .quit_requested}), flush=True)
    finally:
        app.scene.close()
        window.close()
        wm.terminate()
        wm.wait()


if __name__ == "__main__":
    main()
