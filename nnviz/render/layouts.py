"""Instance layouts: what one primitive of each kind carries to the GPU, declared once.

Every primitive kind is drawn by instancing: one record per primitive in a buffer, read by
the vertex shader as ``in`` attributes named ``i_<field>``. Each kind's record is declared
here, field by field (one field per shader attribute, its components named), and
everything else is derived from that declaration:

* the numpy structured dtype (:attr:`InstanceLayout.dtype`) the draw lists fill by name;
* the number of floats per record (:attr:`InstanceLayout.floats`, the buffer stride);
* the moderngl buffer format, ``"4f 2f 4f/i"``, for the attributes a program reads, with
  padding for those it skips (:meth:`InstanceLayout.buffer_format`).

A test compares every layout with the ``in`` declarations of the shaders that read it, on
a real context, so a shader and its layout cannot drift apart. Plain numpy: no OpenGL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import numpy as np

__all__ = [
    "ARROW",
    "BEZIER",
    "CIRCLE",
    "IMAGE",
    "LAYOUTS",
    "LINE",
    "PANEL",
    "RECT",
    "TEXT",
    "InstanceLayout",
]

RGBA = ("r", "g", "b", "a")
"""Components of a colour field (premultiplied alpha)."""
_FLOAT = np.dtype("<f4")


@dataclass(frozen=True)
class InstanceLayout:
    """One primitive kind's per-instance record: ordered fields of float components.

    ``fields`` is ``((name, (component, ...)), ...)``; a field is one shader attribute
    ``i_<name>`` of as many floats as it has components (a ``vec2`` or ``vec4``).
    """

    kind: str
    fields: tuple[tuple[str, tuple[str, ...]], ...]

    @cached_property
    def dtype(self) -> np.dtype:
        """The record as a numpy structured dtype: one float32 sub-array per field."""
        return np.dtype([(name, _FLOAT, (len(parts),)) for name, parts in self.fields])

    @cached_property
    def index(self) -> dict[str, slice | int]:
        """Where each field (a slice) and each ``field.component`` (an int) sits in a
        record seen as a row of floats: ``rows[:, LINE.index["style.width"]] = 2.0``."""
        found: dict[str, slice | int] = {}
        offset = 0
        for name, parts in self.fields:
            found[name] = slice(offset, offset + len(parts))
            for i, part in enumerate(parts):
                found[f"{name}.{part}"] = offset + i
            offset += len(parts)
        return found

    @property
    def floats(self) -> int:
        """Floats per record (the stride in floats; bytes are four times this)."""
        return sum(len(parts) for _, parts in self.fields)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.fields)

    def attributes(self, used: Iterable[str] | None = None) -> tuple[str, ...]:
        """Shader attribute names of the fields ``used`` (all by default), in record order."""
        wanted = self._check(used)
        return tuple(f"i_{name}" for name in self.names if name in wanted)

    def _check(self, used: Iterable[str] | None) -> set[str]:
        wanted = set(self.names if used is None else used)
        unknown = wanted - set(self.names)
        if unknown:
            raise KeyError(f"{self.kind} has no fields {sorted(unknown)}")
        return wanted

    def buffer_format(self, used: Iterable[str] | None = None) -> str:
        """moderngl format of the record for a program reading the fields ``used`` (all by
        default), the others skipped as padding: e.g. ``"4f 2f 4f 40x/i"``."""
        wanted = self._check(used)
        parts: list[str] = []
        skipped = 0
        for name, components in self.fields:
            if name in wanted:
                if skipped:
                    parts.append(f"{skipped}x")
                    skipped = 0
                parts.append(f"{len(components)}f")
            else:
                skipped += 4 * len(components)
        if skipped:
            parts.append(f"{skipped}x")
        return " ".join(parts) + "/i"

    def records(self, rows: np.ndarray) -> np.ndarray:
        """A ``(n, floats)`` float32 array seen as ``n`` records (a view, no copy)."""
        rows = np.ascontiguousarray(rows, dtype=_FLOAT)
        if rows.ndim != 2 or rows.shape[1] != self.floats:
            raise ValueError(f"{self.kind} rows must be (n, {self.floats}), got {rows.shape}")
        return rows.view(self.dtype).reshape(len(rows))

    def zeros(self, n: int) -> np.ndarray:
        """``n`` zeroed records as ``(n, floats)`` float32 rows, filled through :attr:`index`."""
        return np.zeros((n, self.floats), dtype=_FLOAT)


def _layout(kind: str, *fields: tuple[str, tuple[str, ...]]) -> InstanceLayout:
    return InstanceLayout(kind, tuple(fields))


PANEL = _layout(
    "panel",
    ("box", ("x0", "y0", "x1", "y1")),
    ("style", ("radius", "stroke_width")),
    ("fill", RGBA),
    ("stroke", RGBA),
    ("shadow", RGBA),
    ("shadow_offset", ("dx", "dy")),
)
IMAGE = _layout(
    "image",
    ("rect", ("x0", "y0", "x1", "y1")),
    # Filled in by the draw list from its atlas (nnviz/render/images.py).
    ("uv", ("u0", "v0", "u1", "v1")),
    ("tint", RGBA),
    # 1: bilinear between texel centres; 0: each texel a flat square (nearest).
    ("sampling", ("smooth",)),
)
RECT = _layout(
    "rect",
    ("box", ("x0", "y0", "x1", "y1")),
    ("style", ("radius", "stroke_width")),
    ("fill", RGBA),
    ("stroke", RGBA),
)
BEZIER = _layout(
    "bezier",
    ("p01", ("x0", "y0", "x1", "y1")),
    ("p23", ("x2", "y2", "x3", "y3")),
    # "flow" is a speed in the draw list; the renderer turns it into the phase of the
    # dash pattern (nnviz/render/dashes.py) before the record reaches the GPU.
    ("style", ("width", "dash", "gap", "flow")),
    ("color", RGBA),
)
LINE = _layout(
    "line",
    ("points", ("x0", "y0", "x1", "y1")),
    ("style", ("width", "dash", "gap", "flow")),
    ("color", RGBA),
    # Where the segment starts along its polyline, modulo the dash period: the pattern
    # runs on through a polyline's corners instead of restarting at each (0 for a lone
    # segment).
    ("start", ("s",)),
)
ARROW = _layout(
    "arrow",
    ("tip_dir", ("x", "y", "dx", "dy")),
    ("size", ("length", "width")),
    ("color", RGBA),
)
CIRCLE = _layout(
    "circle",
    ("circle", ("cx", "cy", "radius", "stroke_width")),
    ("arc", ("start", "end")),
    ("fill", RGBA),
    ("stroke", RGBA),
)
TEXT = _layout(
    "text",
    ("rect", ("x0", "y0", "x1", "y1")),
    ("uv", ("u0", "v0", "u1", "v1")),
    ("color", RGBA),
)

LAYOUTS: dict[str, InstanceLayout] = {
    layout.kind: layout for layout in (PANEL, IMAGE, RECT, BEZIER, LINE, ARROW, CIRCLE, TEXT)
}
"""Every kind's layout, by kind, in draw order (see ``drawlist.KIND_ORDER``)."""
