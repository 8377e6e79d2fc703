"""The title bar: at large type in a narrow window the app's name steps aside for the
epoch, which a lecturer points at; with room, the whole title stays."""

from __future__ import annotations

import pytest

from nnviz.render.drawlist import DrawList
from nnviz.scenes.kit.header import draw_title, title_end
from nnviz.ui.theme import THEMES
from tests.scenes.helpers import run_until


def _epoch(app) -> int:
    scene = app.scene
    return getattr(scene, "overview", scene).snapshot.epoch  # the overview sits in a flight

T = THEMES["light"]
DOT = (0.0, 0.0, 0.0, 1.0)


def _lists(app) -> list[DrawList]:
    scene = app.scene
    return list(getattr(scene, "overview", scene).lists.values())


def _texts(dl: DrawList) -> list[str]:
    return [run.text for run in dl.runs]


def test_the_title_keeps_the_app_name_where_the_status_fits(text_layout):
    full = title_end(text_layout, T, "MLP explorer")
    dl = DrawList(text_layout)
    x = draw_title(dl, T, 20, "MLP explorer", DOT, right=full + 100, keep=100)
    assert _texts(dl) == ["nnviz", "  MLP explorer"] and x == pytest.approx(full)


def test_the_app_name_steps_aside_where_the_status_would_not_fit(text_layout):
    full = title_end(text_layout, T, "MLP explorer")
    dl = DrawList(text_layout)
    x = draw_title(dl, T, 20, "MLP explorer", DOT, right=full + 99, keep=100)
    assert _texts(dl) == ["MLP explorer"] and x < full - text_layout.width("nnviz", T.title_px)


@pytest.mark.parametrize("scene", ["overview", "mlp"])
def test_a_lecture_on_a_4_3_projector_names_the_epoch(make_app, scene):
    """At 1024×768 in lecture mode neither header had room for the epoch after
    "nnviz  Network overview" / "nnviz  MLP explorer" and the scene switcher."""
    app = make_app("--scene", scene, "--size", "1024x768", "--mode", "lecture", "--seed", "1")
    run_until(app, lambda a: _epoch(a) >= 1)
    app.step_frame()
    texts = [run.text for dl in _lists(app) for run in dl.runs]
    assert any(text.startswith("Epoch ") for text in texts), texts
    assert "nnviz" not in texts


def test_with_room_the_whole_title_stays(make_app):
    app = make_app("--scene", "overview", "--size", "1920x1080", "--seed", "1")
    run_until(app, lambda a: _epoch(a) >= 1)
    app.step_frame()
    texts = [run.text for dl in _lists(app) for run in dl.runs]
    assert "nnviz" in texts and any(text.startswith("Epoch ") for text in texts)
