"""Small helpers for moderngl object lifetimes."""

from __future__ import annotations

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
