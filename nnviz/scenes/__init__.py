"""Scenes: the demo, the network overview, the LSTM cell and the other explorers.

:data:`SCENES` maps a scene name to the module and class that implement it, so
the command line can validate ``--scene`` without importing every scene.
"""

from __future__ import annotations

from importlib import import_module

SCENES: dict[str, tuple[str, str]] = {
    "overview": ("nnviz.scenes.explore", "ExploreScene"),
    "demo": ("nnviz.scenes.demo", "DemoScene"),
    "cell": ("nnviz.scenes.cell", "CellScene"),
}
DEFAULT_SCENE = "overview"


def scene_class(name: str) -> type:
    """The class implementing scene ``name`` (a key of :data:`SCENES`)."""
    module, cls = SCENES[name]
    return getattr(import_module(module), cls)
