"""Every scene in the registry imports, is a Scene, and renders a frame headless."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.render.renderer import read_pixels
from nnviz.scenes import DEFAULT_SCENE, SCENES, scene_class
from nnviz.scenes.base import Scene
from nnviz.scenes.registry import REGISTRY


def test_the_command_line_table_follows_the_registry():
    assert list(SCENES) == list(REGISTRY)
    assert DEFAULT_SCENE in REGISTRY
    for name, entry in REGISTRY.items():
        assert SCENES[name] == (entry.module, entry.cls)
        assert entry.description and entry.module.startswith("nnviz.scenes.")


@pytest.mark.parametrize("name", list(REGISTRY))
def test_every_entry_imports_and_is_a_scene(name):
    cls = scene_class(name)
    assert issubclass(cls, Scene) and cls is REGISTRY[name].load()


@pytest.mark.parametrize("name", list(REGISTRY))
def test_every_entry_renders_a_frame(make_app, name):
    app = make_app("--scene", name, "--size", "480x300", "--seed", "1")
    app.run(1)
    assert app.frames_drawn == 1
    pixels = read_pixels(app.window.framebuffer)[:, :, :3].reshape(-1, 3)
    # Something was drawn: more than a cleared background.
    assert len(np.unique(pixels, axis=0)) > 8
