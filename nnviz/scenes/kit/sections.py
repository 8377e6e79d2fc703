"""A control panel in sections, shown one at a time when the whole panel does not fit.

Large type on a small window (the projector theme at 1024×768, the cell's long panel at
720p) would otherwise shrink every control below the theme's smallest type and a finger's
touch target. Instead a row of tabs appears at the top of the panel and only the chosen
section's controls are shown: every control stays one tap (or Tab and an arrow key) away
at full size. :func:`~nnviz.scenes.kit.fit.lay_out_fitted` asks for this before it hides
secondary controls or scales anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from nnviz.scenes.kit.control_set import left_out
from nnviz.ui.widget import Widget
from nnviz.ui.widgets import SegmentedChoice


class PanelSections:
    """Named groups of a panel's widgets and the tabs that pick one when compact."""

    def __init__(self, sections: Sequence[tuple[str, Sequence[Widget]]]) -> None:
        self.names = [name for name, _ in sections]
        self.groups = [list(widgets) for _, widgets in sections]
        self.tabs = SegmentedChoice(self.names, 0, on_change=lambda _: self._switched())
        self.tabs.visible = False
        self.tabs.dividers = False
        self.compact = False
        self.on_switch: Callable[[], None] | None = None
        """Called after a person picks another section (the scene lays itself out again)."""

    def set_compact(self, on: bool) -> bool:
        """Show one section at a time (``on``) or all of them; returns True."""
        self.compact = on
        self.tabs.visible = on
        self._apply()
        return True

    def show(self, name: str) -> None:
        """Pick the section called ``name`` (a lesson, a test, a key)."""
        self.tabs.select(self.names.index(name))

    def section_of(self, widget: Widget) -> str | None:
        """The name of the section holding ``widget`` (None when it is in none)."""
        for name, group in zip(self.names, self.groups, strict=True):
            if any(widget in w.walk() for w in group):
                return name
        return None

    def tallest(self, measure: Callable[[], float]) -> float:
        """The most ``measure`` (a panel's height) gives with any one section shown, the
        one on screen shown again after: a panel sized for the section on screen grew and
        shrank as the tabs were picked, and moved the tabs away from under the pointer."""
        if not self.compact:
            return measure()
        chosen, most = self.tabs.index, 0.0
        for index in range(len(self.groups)):
            self.tabs.select(index, notify=False)
            self._apply()
            most = max(most, measure())
        self.tabs.select(chosen, notify=False)
        self._apply()
        return most

    def _apply(self) -> None:
        for i, group in enumerate(self.groups):
            for w in group:
                shown = not self.compact or i == self.tabs.index
                w.visible = shown and not left_out(w)  # a kiosk's left-out stay out

    def _switched(self) -> None:
        self._apply()
        if self.on_switch is not None:
            self.on_switch()
