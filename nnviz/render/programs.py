"""The GPU programs: which shader draws which kind, reading which fields, how many vertices.

A kind is drawn by the program of the same name, except panels, drawn by two programs
in turn (a plain fill of the inner box, then the distance-field edge; see
``shaders/panel_common.glsl``). Buffer formats and attribute names come from the kind's
:class:`~nnviz.render.layouts.InstanceLayout`; nothing here needs OpenGL.
"""

from __future__ import annotations

from dataclasses import dataclass

from nnviz.render import layouts
from nnviz.render.gpu_constants import BEZIER_SEGMENTS
from nnviz.render.layouts import InstanceLayout

__all__ = ["KIND_PROGRAMS", "PROGRAMS", "Program"]

QUAD_VERTICES = 4
"""A quad as a 4-vertex triangle strip (``quad_corner`` in ``common.glsl``)."""
PANEL_EDGE_VERTICES = 10
"""The ring between a panel's inner box and its outer edge: five corner pairs, the last
one closing the strip (``panel_edge.glsl``)."""


@dataclass(frozen=True)
class Program:
    """One shader program and the instance records it reads."""

    shader: str
    layout: InstanceLayout
    reads: tuple[str, ...] | None = None
    """Fields the program reads; ``None``: all of them."""
    vertices: int = QUAD_VERTICES
    """Vertices per instance of its triangle strip."""

    @property
    def buffer_format(self) -> str:
        return self.layout.buffer_format(self.reads)

    @property
    def attributes(self) -> tuple[str, ...]:
        return self.layout.attributes(self.reads)


PROGRAMS: dict[str, Program] = {
    "panel_fill": Program("panel_fill.glsl", layouts.PANEL, ("box", "style", "fill")),
    "panel_edge": Program("panel_edge.glsl", layouts.PANEL, vertices=PANEL_EDGE_VERTICES),
    "image": Program("image.glsl", layouts.IMAGE),
    "rect": Program("rect.glsl", layouts.RECT),
    "circle": Program("circle.glsl", layouts.CIRCLE),
    "line": Program("line.glsl", layouts.LINE),
    "bezier": Program("bezier.glsl", layouts.BEZIER, vertices=2 * (BEZIER_SEGMENTS + 1)),
    "arrow": Program("arrow.glsl", layouts.ARROW),
    "text": Program("text.glsl", layouts.TEXT),
}
"""Every program by name, in the order a kind's programs draw."""

KIND_PROGRAMS: dict[str, tuple[str, ...]] = {
    kind: tuple(name for name, p in PROGRAMS.items() if p.layout.kind == kind)
    for kind in layouts.LAYOUTS
}
"""The programs that draw each kind, in order."""
