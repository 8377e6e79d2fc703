"""Neurons glide into place when the network changes shape.

Adding or removing a neuron or a layer gives the graph new places for its neurons
(:class:`~nnviz.scenes.mlp.graph.GraphGeometry`); drawn there at once, the whole network
would jump and a student could not tell what changed. Instead every neuron that stays
glides from where it was to its new place, and a new one slides out of its neighbour (a
new layer out of the gap between the layers around it), on the animation clock.
"""

from __future__ import annotations

import math

import numpy as np

from nnviz.scenes.mlp.graph import GraphGeometry
from nnviz.ui.widget import Rect

GLIDE_SECONDS = 0.12
"""Time constant of the glide (animation seconds): 95 % of the way in about 0.36 s."""
SETTLED_PX = 0.5
"""Closer than this to its place, a neuron has arrived."""


def _level_map(old: tuple[int, ...], new: tuple[int, ...]) -> list[int | None]:
    """For each level of ``new``, the level of ``old`` it was (None: a new layer), when
    one layer was added or removed (the first level that differs); else level by level."""
    if len(new) == len(old):
        return list(range(len(new)))
    k = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
             min(len(old), len(new)) - 1)  # fmt: skip
    if len(new) == len(old) + 1:
        return [i if i < k else None if i == k else i - 1 for i in range(len(new))]
    if len(new) == len(old) - 1:
        return [i if i < k else i + 1 for i in range(len(new))]
    return [None] * len(new)


class GraphMotion:
    """The neuron positions on screen, following the laid-out ones with a glide."""

    def __init__(self) -> None:
        self.shown: GraphGeometry | None = None
        self.target: GraphGeometry | None = None
        self.area: Rect | None = None

    def place(self, area: Rect, target: GraphGeometry) -> GraphGeometry:
        """The geometry to draw for ``target`` (laid out in ``area``): the same when the
        card was laid out anew (a resize snaps), else where the glide has got to."""
        if self.shown is None or area != self.area:
            self.shown = target
        elif target.sizes != self.shown.sizes:
            self.shown = self._start(self.shown, target)
        self.area, self.target = area, target
        return GraphGeometry(self.shown.sizes, self.shown.positions, target.radius)

    @staticmethod
    def _start(old: GraphGeometry, new: GraphGeometry) -> GraphGeometry:
        """Where each neuron of ``new`` starts: its old place, or its neighbour's."""
        levels = _level_map(old.sizes, new.sizes)
        if all(was is None for was in levels):  # more than one layer at once: no glide
            return new
        last = len(old.sizes) - 1
        starts = []
        for level, (was, pos) in enumerate(zip(levels, new.positions, strict=True)):
            if was is None:  # a new layer: out of the gap between its neighbours
                left = old.positions[min(max(level - 1, 0), last)][:, 0].mean()
                right = old.positions[min(level, last)][:, 0].mean()
                start = np.column_stack([np.full(len(pos), (left + right) / 2), pos[:, 1]])
            else:
                before = old.positions[was]
                start = pos.copy()
                kept = min(len(before), len(pos))
                start[:kept] = before[:kept]
                if kept:  # a new neuron: out of the last one that was there
                    start[kept:] = before[kept - 1]
            starts.append(start)
        return GraphGeometry(new.sizes, tuple(starts), new.radius)

    def advance(self, anim_dt: float) -> None:
        """Move every neuron part of the way to its place (``anim_dt`` animation seconds)."""
        if self.shown is None or self.target is None or not self.moving:
            return
        k = 1.0 - math.exp(-max(anim_dt, 0.0) / GLIDE_SECONDS)
        moved = tuple(s + (t - s) * k for s, t in
                      zip(self.shown.positions, self.target.positions, strict=True))  # fmt: skip
        self.shown = GraphGeometry(self.target.sizes, moved, self.target.radius)

    @property
    def moving(self) -> bool:
        """Whether some neuron is still on its way."""
        if self.shown is None or self.target is None:
            return False
        return any(float(np.abs(s - t).max(initial=0.0)) > SETTLED_PX for s, t in
                   zip(self.shown.positions, self.target.positions, strict=True))  # fmt: skip
