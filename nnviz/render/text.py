"""Text layout: strings → glyph quads in em units, measurement and word wrap.

Layouts are cached per (string, face) so a label drawn every frame costs one
dictionary look-up and a vectorised scale-and-offset, not a Python loop over
its characters. Needs no OpenGL.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np

from nnviz.render.font import GlyphAtlas, LineMetrics

_CACHE_LIMIT = 4096


class TextLayout:
    """Lays out single lines of text with kerning, and wraps paragraphs."""

    def __init__(self, atlas: GlyphAtlas) -> None:
        self.atlas = atlas
        self._cache: OrderedDict[tuple[str, str], tuple[np.ndarray, float]] = OrderedDict()
        self._generation = atlas.generation

    @property
    def metrics(self) -> LineMetrics:
        return self.atlas.metrics

    def line(
        self, text: str, face: str = "regular", _retry: bool = False
    ) -> tuple[np.ndarray, float]:
        """Glyph quads of one line at an em size of 1, pen starting at (0, 0) on the baseline.

        Returns ``(quads, width)``: quads is ``(n, 8)`` float32 rows of
        ``x0, y0, x1, y1, u0, v0, u1, v1`` (y down), width the advance in em.
        """
        if self._generation != self.atlas.generation:  # the atlas started again: stale uvs
            self._cache.clear()
            self._generation = self.atlas.generation
        key = (text, face)
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        generation = self.atlas.generation
        rows = []
        pen = 0.0
        previous = ""
        for ch in text:
            if previous:
                pen += self.atlas.kerning(previous, ch, face)
            g = self.atlas.glyph(ch, face)
            if not g.empty:
                rows.append((pen + g.x0, g.y0, pen + g.x1, g.y1, g.u0, g.v0, g.u1, g.v1))
            pen += g.advance
            previous = ch
        if self.atlas.generation != generation and not _retry:
            return self.line(text, face, _retry=True)  # the first glyphs' uvs went stale
        quads = np.array(rows, dtype=np.float32).reshape(-1, 8)
        found = (quads, pen)
        self._cache[key] = found
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.popitem(last=False)
        return found

    def width(self, text: str, size: float, face: str = "regular") -> float:
        """Advance width of ``text`` at font size ``size`` (same units as ``size``)."""
        return self.line(text, face)[1] * size

    def elide(self, text: str, size: float, max_width: float, face: str = "regular") -> str:
        """``text``, or its longest start followed by "…" that fits ``max_width``: type
        keeps its size (never shrinks below the theme's floor) and loses its end."""
        if self.width(text, size, face) <= max_width + 0.01:  # a box made to fit it exactly
            return text
        lo, hi = 0, len(text)
        while lo < hi:  # the longest prefix that fits with the ellipsis
            mid = (lo + hi + 1) // 2
            if self.width(text[:mid].rstrip() + "…", size, face) <= max_width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + "…" if lo else ""

    def wrap(self, text: str, size: float, max_width: float, face: str = "regular") -> list[str]:
        """Greedy word wrap into lines no wider than ``max_width`` (explicit newlines kept).

        A single word longer than the line is left whole on its own line rather
        than broken mid-word, which reads better on a projector.
        """
        lines: list[str] = []
        for paragraph in text.split("\n"):
            current = ""
            for word in paragraph.split(" "):
                candidate = word if not current else f"{current} {word}"
                if current and self.width(candidate, size, face) > max_width:
                    lines.append(current)
                    current = word
                else:
                    current = candidate
            lines.append(current)
        return lines
