"""Sleep on SDL's event queue for real: the idle loop's near-zero CPU.

``pygame.event.wait(timeout)`` in pygame-ce is its own loop that pumps the queue and
sleeps one millisecond at a time until an event or the timeout comes: a thousand wake-ups
a second, about 2 % of a core for a window that draws nothing. SDL's own
``SDL_WaitEventTimeout`` blocks in the video driver (``select`` on the X connection,
for one) and wakes only for an event or the timeout. pygame does not offer it, so this
calls it through ``ctypes`` in the SDL library pygame itself loaded (the event queue is
that library's: another copy of SDL would wait on an empty queue of its own). With a
NULL event SDL only peeks, so the event stays queued for ``pygame.event.get``, which
translates it as usual.

When the library cannot be found or is not the one pygame initialised (an unusual
build), :func:`native_wait` returns ``None`` and the window keeps ``pygame.event.wait``.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from pathlib import Path

__all__ = ["native_wait", "pygame_sdl"]

_SDL_INIT_VIDEO = 0x20


def _is_sdl(name: str) -> bool:
    """The SDL 2 core library (``libSDL2-2.0.so.0``, a wheel's ``libSDL2-2-<hash>.0.so…``,
    ``libSDL2-2.0.0.dylib``, ``SDL2.dll``), not its ``_image``/``_ttf``/``_mixer`` siblings."""
    stem = name.removeprefix("lib")
    shared = any(ext in name for ext in (".so", ".dylib", ".dll"))
    return shared and stem.startswith("SDL2") and not stem.startswith("SDL2_")


def _loaded_paths() -> list[str]:
    """Shared libraries mapped into this process (Linux: ``/proc/self/maps``)."""
    try:
        lines = Path("/proc/self/maps").read_text().splitlines()
    except OSError:
        return []
    paths = (line.split(maxsplit=5)[-1] for line in lines if "/" in line)
    return list(dict.fromkeys(p for p in paths if p.startswith("/")))


def _bundled_paths() -> list[str]:
    """Where pygame wheels keep their SDL: beside the package (``pygame_ce.libs``, macOS
    ``.dylibs``, Windows next to the modules)."""
    import pygame

    root = Path(pygame.__file__).parent
    folders = [root, root / ".dylibs", root.parent / "pygame_ce.libs", root.parent / "pygame.libs"]
    return [str(p) for folder in folders if folder.is_dir() for p in sorted(folder.iterdir())]


def _candidates() -> list[str]:
    loaded = _loaded_paths() if sys.platform.startswith("linux") else []
    return [p for p in [*loaded, *_bundled_paths()] if _is_sdl(Path(p).name)]


def pygame_sdl() -> ctypes.CDLL | None:
    """The SDL library pygame initialised (its video subsystem up), or ``None`` when it
    cannot be reached: the one whose queue and windows are pygame's."""
    for path in _candidates():
        try:
            sdl = ctypes.CDLL(path)
            was_init = sdl.SDL_WasInit
        except (OSError, AttributeError):
            continue
        was_init.argtypes, was_init.restype = [ctypes.c_uint32], ctypes.c_uint32
        if was_init(_SDL_INIT_VIDEO):
            return sdl
        # else another copy of SDL, not the one pygame's window lives in
    return None


def native_wait() -> Callable[[float], bool] | None:
    """``wait(seconds)``: block until an event is queued or ``seconds`` pass, True when
    one is; ``None`` when pygame's SDL (with its video subsystem up) cannot be reached."""
    sdl = pygame_sdl()
    try:
        wait = sdl.SDL_WaitEventTimeout if sdl is not None else None
    except AttributeError:
        wait = None
    if wait is None:
        return None
    wait.argtypes, wait.restype = [ctypes.c_void_p, ctypes.c_int], ctypes.c_int

    def block(seconds: float, _wait: Callable[..., int] = wait) -> bool:
        return _wait(None, max(1, int(seconds * 1000))) == 1

    return block
