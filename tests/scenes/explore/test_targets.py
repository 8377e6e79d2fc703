"""The explorer answers every target its registry entry names (lessons and presenter
tools rely on it): the camera moves there and the target has a place on screen."""

from __future__ import annotations

from nnviz.scenes.explore.scene import CELL_CARDS, CELL_NODES
from nnviz.scenes.registry import REGISTRY


def test_every_named_target_moves_the_camera_and_has_a_rectangle(make_app):
    app = make_app("--scene", "overview", "--size", "960x540")
    app.run(2)
    scene = app.scene
    w, h = app.window.size
    for target in REGISTRY["overview"].targets:
        name = target.replace(":N", ":0")
        scene.focus(name)
        app.run(app.frames_drawn + 90)
        inside = name in CELL_NODES or name in CELL_CARDS or name in ("cell", "layer:0")
        assert scene.level == ("cell" if inside else "overview"), name
        rect = scene.target_rect(name)
        assert rect is not None, name
        x, y, rw, rh = rect
        assert rw > 0 and rh > 0 and x < w and y < h and x + rw > 0 and y + rh > 0, name
