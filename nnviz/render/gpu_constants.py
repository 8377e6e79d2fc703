"""Numbers the shaders and the Python side must agree on, defined once.

The shader loader writes each entry of :data:`DEFINES` into every program as a
``#define`` (see :func:`nnviz.render.shaders.load_stage`), and the Python code that
depends on the same number imports it from here.
"""

from __future__ import annotations

__all__ = ["BEZIER_SEGMENTS", "DEFINES", "PANEL_AA_INSET_PX", "SDF_SPREAD_PX", "glsl_defines"]

BEZIER_SEGMENTS = 32
"""Straight pieces a cubic Bézier is tessellated into by ``bezier.glsl``; its triangle
strip has ``2 * (BEZIER_SEGMENTS + 1)`` vertices per instance."""

PANEL_AA_INSET_PX = 2.0
"""How far (in pixels) past its corner radius and half stroke a panel's plain-fill inner
box stays from the edge, so every pixel of it is fully covered. ``panel_common.glsl``
draws the fill pass inside that box; the renderer clears the same box for opaque panels."""

SDF_SPREAD_PX = 5
"""Distance range, in atlas pixels, that the glyph atlas encodes on each side of an edge
(``nnviz/render/font.py``): an atlas value of 0.5 is the edge, and one atlas pixel of
distance is ``1 / (2 * SDF_SPREAD_PX)``. ``text.glsl`` turns values back into pixels."""

DEFINES: dict[str, int | float] = {
    "BEZIER_SEGMENTS": BEZIER_SEGMENTS,
    "PANEL_AA_INSET_PX": PANEL_AA_INSET_PX,
    "SDF_SPREAD_PX": SDF_SPREAD_PX,
}


def glsl_defines() -> list[str]:
    """``#define`` lines for :data:`DEFINES` (floats keep their decimal point for GLSL)."""
    return [f"#define {name} {value!r}" for name, value in DEFINES.items()]
