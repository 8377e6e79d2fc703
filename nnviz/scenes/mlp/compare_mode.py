"""Compare mode inside the explorer: the pair of sessions, its panel, keys and picture.

The explorer holds one :class:`CompareMode` while the mode is on and hands it frames,
keys and its draw lists; it only swaps its own panels for :attr:`CompareMode.panel` and
pauses its own training meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

from nnviz.render.drawlist import DrawList
from nnviz.scenes.kit.keys import KeyBinding
from nnviz.scenes.mlp.compare import DIFFERENCES, Comparison
from nnviz.scenes.mlp.compare_view import (
    CompareActions,
    CompareControls,
    CompareLayout,
    draw_compare,
)
from nnviz.scenes.mlp.heat import HeatCache
from nnviz.sim import ClassificationConfig
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Panel


class CompareMode:
    """Two networks one setting apart (``key``), from the explorer's configuration."""

    def __init__(
        self, base: ClassificationConfig, key: str, *, threaded: bool, speed: float | None,
        leave: Callable[[], None], process: bool = False,
    ) -> None:  # fmt: skip
        self.comparison = Comparison(base, key, threaded=threaded, speed=speed, process=process)
        c = self.comparison
        self.controls = CompareControls(key, CompareActions(
            toggle=c.toggle, step_epoch=c.step_epoch, restart=c.restart, keep=c.keep,
            choose=c.set_difference, leave=leave,
        ))  # fmt: skip
        self.leave = leave
        self.heats = (HeatCache(), HeatCache())

    @property
    def panel(self) -> Panel:
        return self.controls.panel

    def key_bindings(self) -> list[KeyBinding]:
        c = self.comparison
        return [
            KeyBinding(("space",), "play / pause both networks", c.toggle),
            KeyBinding(("return", "right", "pagedown"), "train both one epoch", c.step_epoch),
            KeyBinding(("backspace",), "restart both (their results go to the table)",
                       c.restart),
            KeyBinding(("k",), "keep both results in the table", c.keep),
            KeyBinding(("d",), "differ in the next setting", self.next_difference),
            KeyBinding(("c", "escape"), "back to the explorer", self.leave),
        ]

    def next_difference(self) -> None:
        """Compare the next setting of the list (the dropdown follows)."""
        keys = [d.key for d in DIFFERENCES]
        self.controls.setting.select((keys.index(self.comparison.key) + 1) % len(keys))

    def update(self, dt: float) -> None:
        """Advance synchronous sessions; the play button shows what both do."""
        running = any(s.running for s in self.comparison.poll(dt))
        self.controls.play_button.icon = "pause" if running else "play"

    def is_animating(self) -> bool:
        c = self.comparison
        return c.running or any(s.status == "compiling" for s in c.snapshots)

    def draw(self, lists: dict[str, DrawList], t: Theme, layout: CompareLayout) -> None:
        draw_compare(lists, t, layout, self.comparison, self.heats)

    def close(self) -> None:
        self.comparison.close()
