"""Scenes: the explorers and the demo, each a sub-package, built from the shared kit.

:data:`SCENES` maps a scene name to the module and class that implement it (from
:mod:`nnviz.scenes.registry`), so the command line can validate ``--scene`` without
importing every scene.
"""

from __future__ import annotations

from nnviz.scenes.registry import DEFAULT_SCENE, REGISTRY

SCENES: dict[str, tuple[str, str]] = {name: (e.module, e.cls) for name, e in REGISTRY.items()}
"""Scene name → (module, class name), in the registry's order."""


def scene_class(name: str) -> type:
    """The class implementing scene ``name`` (a key of :data:`SCENES`)."""
    return REGISTRY[name].load()


__all__ = ["DEFAULT_SCENE", "REGISTRY", "SCENES", "scene_class"]
