"""Every scene the app can open: one line per explorer.

A newcomer adds an explorer by writing its sub-package (``nnviz/scenes/<name>/`` with a
:class:`~nnviz.scenes.base.Scene` subclass) and one line here. The command line checks
``--scene`` against these names without importing any scene; ``tests/scenes/test_registry.py``
opens every entry and renders one frame of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module


@dataclass(frozen=True)
class SceneEntry:
    """Where a scene's class lives, and one line on what it shows."""

    module: str
    cls: str
    description: str
    targets: tuple[str, ...] = field(default=())
    """Names a lesson may move the camera to or spotlight (``name:N`` takes a number);
    the scene answers them in :meth:`~nnviz.scenes.base.Scene.focus` and
    :meth:`~nnviz.scenes.base.Scene.target_rect`."""
    label: str = ""
    """Its name on the scene switcher; empty: not offered there (the demo, and the cell,
    which the overview dives into)."""

    def load(self) -> type:
        """Import the module and return the scene class."""
        return getattr(import_module(self.module), self.cls)


EXPLORE_TARGETS = (
    "input", "network", "predictions", "process", "loss", "controls",
    "cell", "layer:N", "forget", "input_gate", "candidate", "output", "cell_state",
    "steps", "arithmetic", "gates_over_time", "data", "gradient",
)  # fmt: skip
"""The overview's cards, the layer glyphs, and the cell level's nodes and cards (a card
waiting its turn in the cell's compact slot comes to the front)."""

SHEET_TARGETS = (
    "grid", "arithmetic", "picture", "activation", "controls", "step:N", "h:N", "trace:N",
)  # fmt: skip
"""The sheet's cards; ``step:N`` computes the first N time steps (Step Forward), ``h:N``
selects hidden state h_N (unit 1: its sources and arithmetic), ``trace:N`` traces it back
to the inputs."""

MLP_TARGETS = ("network", "boundary", "predictions", "loss", "computation", "settings", "controls")
"""The MLP explorer's cards and panels (it has no camera: a target is spotlit, not flown to)."""

REGISTRY: dict[str, SceneEntry] = {
    "overview": SceneEntry("nnviz.scenes.explore", "ExploreScene", "the network overview and its LSTM cell, one camera move apart", EXPLORE_TARGETS, "LSTM network"),  # noqa: E501
    "demo": SceneEntry("nnviz.scenes.demo", "DemoScene", "every primitive and widget, and the two clocks"),  # noqa: E501
    "mlp": SceneEntry("nnviz.scenes.mlp", "MLPScene", "a small MLP learning XOR and other 2-D point sets, every weight shown", MLP_TARGETS, "MLP"),  # noqa: E501
    "cell": SceneEntry("nnviz.scenes.cell", "CellScene", "one LSTM cell of the live network, compute step by compute step"),  # noqa: E501
    "sheet": SceneEntry("nnviz.scenes.sheet", "SheetScene", "a vanilla RNN worked by hand: every number a cell to edit, trace and train", SHEET_TARGETS, "RNN sheet"),  # noqa: E501
}
DEFAULT_SCENE = "overview"
SWITCHER = tuple(name for name, entry in REGISTRY.items() if entry.label)
"""The explorers the scene switcher offers on a desktop, in its order."""


def explorer_label(name: str) -> str:
    """How the switcher names explorer ``name`` (a kiosk may offer one without a label)."""
    entry = REGISTRY.get(name)
    return entry.label if entry is not None and entry.label else name.capitalize()
