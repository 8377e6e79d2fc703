"""Is there a screen to open a window on, and did SDL really open one there?

When ``DISPLAY`` or ``WAYLAND_DISPLAY`` points at nothing (a stale ssh forward, a
display server that went away), SDL quietly falls back to its ``offscreen`` video
driver: the window exists only in memory and the app runs invisibly forever. After
SDL starts, :func:`video_driver_problem` compares the driver it chose with what was
asked for and says what went wrong in one line.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

INVISIBLE_DRIVERS = frozenset({"offscreen", "dummy"})
"""SDL video drivers that show nothing on any screen."""


def has_display(env: Mapping[str, str] | None = None) -> bool:
    """Whether SDL can plausibly open a window (X11, Wayland, or a non-Linux desktop)."""
    env = os.environ if env is None else env
    if os.name == "nt" or os.uname().sysname == "Darwin":
        return True
    driver = env.get("SDL_VIDEODRIVER", "")
    if driver in INVISIBLE_DRIVERS:
        return False
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or driver)


def video_driver_problem(chosen: str, env: Mapping[str, str] | None = None) -> str | None:
    """Why SDL's ``chosen`` video driver will not show a window, or None when it will."""
    env = os.environ if env is None else env
    chosen = chosen.lower()
    requested = [d.strip().lower() for d in env.get("SDL_VIDEODRIVER", "").split(",") if d.strip()]
    if requested:
        if chosen in requested:
            return None
        return (
            f"SDL chose its {chosen!r} video driver, not the requested "
            f"SDL_VIDEODRIVER={','.join(requested)}"
        )
    if chosen not in INVISIBLE_DRIVERS:
        return None
    where = [f"{name}={env[name]}" for name in ("DISPLAY", "WAYLAND_DISPLAY") if env.get(name)]
    target = " and ".join(where) if where else "the environment"
    return (
        f"no display answered at {target} (SDL fell back to its invisible {chosen!r} driver): "
        "check that the display is running, or use --headless"
    )
