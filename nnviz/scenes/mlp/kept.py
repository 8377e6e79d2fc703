"""Draw lists kept from frame to frame while what they show stays the same.

At the default speed a new epoch arrives every two or three frames; the frames between
show the very same cards (the boundary, the predictions, the loss, the graph). Drawing
them again is Python on every frame's path: text laid out, numbers formatted, primitives
packed. A :class:`KeptLists` redraws its lists only when its inputs change and otherwise
hands the renderer the lists it already holds (their flowing dashes still move: the
renderer phases them at draw time). The cell explorer keeps its diagram the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from nnviz.render.drawlist import DrawList


class KeptLists:
    """Some draw lists and the inputs they were last drawn from."""

    def __init__(self, lists: Sequence[DrawList]) -> None:
        self.lists = tuple(lists)
        self._drawn: tuple[tuple[object, ...], tuple[object, ...]] | None = None
        self.draws = 0
        """How often the lists were drawn anew (a kept frame does not count)."""

    def draw(self, same: tuple[object, ...], equal: tuple[object, ...],
             draw: Callable[[], None]) -> bool:  # fmt: skip
        """Clear the lists and ``draw`` into them, unless they were last drawn from these
        inputs: ``same`` compared by identity (snapshots, records, themes, layouts: large
        objects that are replaced, never changed in place; holding them keeps their ids
        from being reused), ``equal`` by ``==`` (flags and small numbers). Returns whether
        it drew."""
        drawn = self._drawn
        if drawn is not None and drawn[1] == equal and len(drawn[0]) == len(same) and all(
            a is b for a, b in zip(drawn[0], same, strict=True)
        ):
            return False
        for dl in self.lists:
            dl.clear()
        draw()
        self._drawn = (same, equal)
        self.draws += 1
        return True

    def forget(self) -> None:
        """Draw anew next time (something the inputs do not name changed, or another
        view drew into the lists)."""
        self._drawn = None
