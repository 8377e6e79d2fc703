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

    def load(self) -> type:
        """Import the module and return the scene class."""
        return getattr(import_module(self.module), self.cls)


EXPLORE_TARGETS = (
    "input", "network", "predictions", "process", "loss", "controls",
    "cell", "layer:N", "forget", "input_gate", "candidate", "output", "cell_state",
)  # fmt: skip

MLP_TARGETS = ("network", "boundary", "predictions", "loss", "computation", "settings", "controls")
"""The MLP explorer's cards and panels (it has no camera: a target is spotlit, not flown to)."""

REGISTRY: dict[str, SceneEntry] = {
    "overview": SceneEntry("nnviz.scenes.explore", "ExploreScene", "the network overview and its LSTM cell, one camera move apart", EXPLORE_TARGETS),  # noqa: E501
    "demo": SceneEntry("nnviz.scenes.demo", "DemoScene", "every primitive and widget, and the two clocks"),  # noqa: E501
    "mlp": SceneEntry("nnviz.scenes.mlp", "MLPScene", "a small MLP learning XOR and other 2-D point sets, every weight shown", MLP_TARGETS),  # noqa: E501
    "cell": SceneEntry("nnviz.scenes.cell", "CellScene", "one LSTM cell of the live network, compute step by compute step"),  # noqa: E501
    "sheet": SceneEntry("nnviz.scenes.sheet", "SheetScene", "a vanilla RNN worked by hand: every number a cell to edit, trace and train"),  # noqa: E501
}
DEFAULT_SCENE = "overview"
