"""The first-start tour: offered once, skippable, resumable, by keys and by touch; every
shipped tour's steps point at parts the explorer really shows."""

from __future__ import annotations

import json

import numpy as np
import pytest

from nnviz.app.tour import DONE, TourError, TourMemory, read_tour, shipped_tour
from nnviz.render.renderer import read_pixels
from nnviz.resources import resource_path
from nnviz.scenes.registry import REGISTRY
from nnviz.ui import events as ev

SHIPPED = sorted(p.stem for p in resource_path("assets", "tours").glob("*.toml"))


@pytest.fixture
def app(make_app, tmp_path):
    app = make_app("--size", "1280x720", "--seed", "1")
    app.tour.memory = TourMemory(tmp_path / "tour.json")
    app.run(2)
    return app


def frame(app) -> None:
    app.run(app.frames_drawn + 1)


def tap(app, name: str) -> None:
    r = app.tour.buttons.rects[name]
    app.window.inject(ev.PointerDown(r.cx, r.cy), ev.PointerUp(r.cx, r.cy))
    frame(app)


def test_every_shipped_tour_points_at_parts_its_explorer_shows(make_app):
    assert "overview" in SHIPPED
    for name in SHIPPED:
        script = shipped_tour(name)
        assert script is not None and script.steps
        shown = make_app("--scene", name, "--size", "1280x720")
        shown.run(2)
        for step in script.steps:
            x, y, w, h = shown.scene.target_rect(step.target)
            assert w > 0 and h > 0 and 0 <= x < 1280 and 0 <= y < 720, step.target


def test_a_first_start_offers_the_tour_once_and_a_skip_is_remembered(app, tmp_path):
    before = read_pixels(app.window.framebuffer)
    assert app.tour.offer(app.scene)
    frame(app)
    shown = read_pixels(app.window.framebuffer)
    assert np.abs(shown.astype(int) - before).mean() > 10  # the rest is dimmed, a panel shows
    tap(app, "skip")
    assert not app.tour.active
    assert json.loads((tmp_path / "tour.json").read_text())["overview"] == DONE
    assert not app.tour.offer(app.scene)  # not again unless asked


def test_keys_move_through_the_steps_and_the_last_next_ends_it(app):
    app.tour.offer(app.scene)
    steps = len(app.tour.script.steps)
    for expected in range(1, steps):
        app.window.inject(ev.KeyDown("right"))
        frame(app)
        assert app.tour.index == expected
    app.window.inject(ev.KeyDown("left"))
    frame(app)
    assert app.tour.index == steps - 2
    for _ in range(2):
        app.window.inject(ev.KeyDown("pagedown"))
        frame(app)
    assert not app.tour.active and app.tour.memory.seen("overview")


def test_a_tour_closed_half_way_resumes_where_it_was(app, tmp_path):
    app.tour.offer(app.scene)
    frame(app)
    tap(app, "next")
    tap(app, "next")
    assert app.tour.index == 2
    again = TourMemory(tmp_path / "tour.json")  # the next start
    assert not again.seen("overview") and again.reached("overview") == 2
    app.tour.memory = again
    app.tour.script = None
    assert app.tour.offer(app.scene) and app.tour.index == 2


def test_the_explorer_still_answers_while_the_tour_runs(app):
    app.tour.offer(app.scene)
    running = app.scene.session.latest().running
    app.window.inject(ev.KeyDown("space"))  # not a tour key: it reaches the explorer
    for _ in range(5):
        frame(app)
    assert app.scene.session.latest().running != running
    assert app.tour.active


def test_ctrl_f1_starts_the_tour_again_and_a_view_without_one_says_so(app, make_app):
    app.tour.memory.remember("overview", DONE)
    app.window.inject(ev.KeyDown("f1", ctrl=True))
    frame(app)
    assert app.tour.active and app.tour.index == 0
    app.window.inject(ev.KeyDown("right"))
    frame(app)
    assert app.tour.memory.seen("overview")  # quitting now would not bring it back
    demo = make_app("--scene", "demo", "--size", "640x360")
    demo.run(1)
    demo.window.inject(ev.KeyDown("f1", ctrl=True))
    demo.run(2)
    assert not demo.tour.active and "no tour" in demo.notice.text


def test_a_broken_tour_file_names_the_file_and_the_step(tmp_path):
    bad = tmp_path / "overview.toml"
    bad.write_text('[[step]]\ntarget = "nowhere"\ncaption = "x"\n')
    with pytest.raises(TourError, match="step 1: overview has no target 'nowhere'"):
        read_tour(bad, "overview")
    bad.write_text('[[step]]\ncaption = "no target"\n')
    with pytest.raises(TourError, match="needs a caption and a target"):
        read_tour(bad, "overview")


def test_an_unreadable_memory_only_means_the_tour_is_offered_again(tmp_path):
    path = tmp_path / "tour.json"
    path.write_text("{ not json")
    memory = TourMemory(path)
    assert not memory.seen("overview") and memory.reached("overview") == 0
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("")
    TourMemory(not_a_folder / "tour.json").remember("overview", DONE)  # no exception
    assert set(REGISTRY) >= set(SHIPPED)


@pytest.mark.parametrize("size", ["1280x720", "1920x1080"])
def test_the_panel_never_covers_the_part_it_points_at(make_app, tmp_path, size):
    shown = make_app("--size", size, "--seed", "1")
    shown.tour.memory = TourMemory(tmp_path / "tour.json")
    shown.run(1)
    shown.tour.start(shown.scene)
    for step in shown.tour.script.steps:
        frame(shown)
        x, y, w, h = shown.scene.target_rect(step.target)
        p = shown.tour.panel
        assert p.x >= x + w or x >= p.right or p.y >= y + h or y >= p.bottom, step.target
        shown.tour.step(1)


@pytest.mark.parametrize(("size", "theme"), [("1024x768", "projector"), ("1280x720", "light")])
def test_the_panel_leaves_key_hints_off_rather_than_cutting_them(make_app, tmp_path, size,
                                                                   theme):  # fmt: skip
    """Where the buttons leave little room (a 4:3 projector) the counter keeps "Tour k of
    n" and leaves "→ next", "Esc skips" off (the buttons say them) instead of a "…"."""
    shown = make_app("--size", size, "--theme", theme, "--seed", "1")
    shown.tour.memory = TourMemory(tmp_path / "tour.json")
    shown.run(1)
    shown.tour.start(shown.scene)
    for _ in shown.tour.script.steps:
        frame(shown)
        texts = [run.text for run in shown.tour.draw_list.runs]
        assert any(text.startswith("Tour ") for text in texts)
        assert not any(text.endswith("…") for text in texts), texts
        shown.tour.step(1)
