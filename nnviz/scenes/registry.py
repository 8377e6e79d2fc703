"""Every scene the app can open: one line per explorer.

A newcomer adds an explorer by writing its sub-package (``nnviz/scenes/<name>/`` with a
:class:`~nnviz.scenes.base.Scene` subclass) and one line here. The command line checks
``--scene`` against these names without importing any scene; ``tests/scenes/test_registry.py``
opens every entry and renders one frame of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class SceneEntry:
    """Where a scene's class lives, and one line on what it shows."""

    module: str
    cls: str
    description: str

    def load(self) -> type:
        """Import the module and return the scene class."""
        return getattr(import_module(self.module), self.cls)


REGISTRY: dict[str, SceneEntry] = {
    "overview": SceneEntry("nnviz.scenes.explore", "ExploreScene", "the network overview and its LSTM cell, one camera move apart"),  # noqa: E501
    "demo": SceneEntry("nnviz.scenes.demo", "DemoScene", "every primitive and widget, and the two clocks"),  # noqa: E501
    "mlp": SceneEntry("nnviz.scenes.mlp", "MLPScene", "a small MLP learning XOR and other 2-D point sets, every weight shown"),  # noqa: E501
    "cell": SceneEntry("nnviz.scenes.cell", "CellScene", "one LSTM cell of the live network, compute step by compute step"),  # noqa: E501
}
DEFAULT_SCENE = "overview"
