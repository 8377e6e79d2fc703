"""Shared fixtures for the render tests: offscreen framebuffers on the session's context."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import moderngl
import pytest


@pytest.fixture
def make_fbo(gl_ctx) -> Iterator[Callable[[int, int], moderngl.Framebuffer]]:
    """``make_fbo(width, height)``: an RGBA8 framebuffer, released after the test."""
    made: list[moderngl.Framebuffer] = []

    def make(width: int, height: int) -> moderngl.Framebuffer:
        fb = gl_ctx.framebuffer(color_attachments=[gl_ctx.texture((width, height), 4)])
        made.append(fb)
        return fb

    yield make
    for fb in made:
        fb.color_attachments[0].release()
        fb.release()
