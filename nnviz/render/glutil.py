"""Small helpers for moderngl object lifetimes."""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable
from functools import cache

import moderngl


def release(ctx: moderngl.Context, *objects: object) -> None:
    """Free GL objects now, unless the context collects them itself.

    With ``gc_mode="context_gc"`` moderngl tracks every object and frees it on
    ``ctx.gc()``; releasing one by hand as well makes that collection fail, so
    here the references are simply dropped and the next ``ctx.gc()`` frees them.
    """
    if ctx.gc_mode == "context_gc":
        return
    for obj in objects:
        obj.release()  # type: ignore[attr-defined]


@cache
def _gl_finish_function() -> Callable[[], None] | None:
    """``glFinish`` from the system's GL dispatch library, called through ctypes.

    ctypes releases the GIL for the duration of a foreign call, which moderngl's own
    ``ctx.finish()`` does not: while the frame is rasterised (on the CPU with llvmpipe,
    for milliseconds) the training thread can run its Python between kernels, exactly
    as it can while a window's buffer swap blocks.
    """
    for name in ("libGL.so.1", "libOpenGL.so.0", ctypes.util.find_library("GL")):
        if not name:
            continue
        try:
            function = ctypes.CDLL(name).glFinish
        except (OSError, AttributeError):
            continue
        function.restype = None
        function.argtypes = []
        return function
    return None


def finish(ctx: moderngl.Context) -> None:
    """Wait until every command sent to ``ctx`` has been executed, letting other Python
    threads run meanwhile where the platform allows it."""
    function = _gl_finish_function()
    if function is None:
        ctx.finish()
    else:
        function()
