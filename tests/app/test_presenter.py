"""Presenter tools under synthetic events on a headless app: black-out and white-out,
spotlight (hold S and tap), one card big (double-tap or Z), the pointer ring."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.render.renderer import read_pixels
from nnviz.ui import events as ev
from tests.scenes.helpers import key


@pytest.fixture
def app(make_app):
    app = make_app("--size", "960x540", "--seed", "1")
    app.run(3)
    return app


def pixels(app) -> np.ndarray:
    return read_pixels(app.window.framebuffer)[:, :, :3].astype(int)


def centre(app, target: str) -> tuple[float, float]:
    x, y, w, h = app.scene.target_rect(target)
    return x + w / 2, y + h / 2


def tap(app, x: float, y: float) -> None:
    app.window.inject(ev.PointerDown(x, y), ev.PointerUp(x, y))
    app.run(app.frames_drawn + 1)


@pytest.mark.parametrize(("name", "value"), [("b", 0), ("period", 0), ("w", 255)])
def test_black_and_white_out_fill_the_screen_and_any_key_returns(app, name, value):
    before = pixels(app)
    key(app, name)
    assert (pixels(app) == value).all()
    key(app, "x")
    assert app.presenter.blackout is None
    app.run(app.frames_drawn + 1)
    assert np.abs(pixels(app) - before).mean() < 20  # the picture is back


def test_a_blacked_out_screen_passes_no_key_on(app):
    key(app, "b")
    key(app, "space")  # returns; the scene does not start or stop training
    assert app.presenter.blackout is None
    assert app.scene.overview.snapshot.running == app.scene.session.latest().running


def test_hold_s_and_tap_spotlights_a_card_and_dims_the_rest(app):
    x, y = centre(app, "loss")
    app.window.inject(ev.KeyDown("s"))
    tap(app, x, y)
    app.window.inject(ev.KeyUp("s"))
    app.run(app.frames_drawn + 1)
    assert app.presenter.spotlight == "loss"
    img = pixels(app)
    assert img[int(y), int(x)].mean() > img[10, 10].mean() + 60
    app.window.inject(ev.KeyDown("escape"))
    app.run(app.frames_drawn + 1)
    assert app.presenter.spotlight is None


def test_a_tap_without_s_reaches_the_scene(app):
    tap(app, *centre(app, "loss"))
    assert app.presenter.spotlight is None


def test_double_tap_shows_a_card_big_and_any_key_returns(app):
    x, y = centre(app, "predictions")
    strip = (slice(40, 500), slice(0, 120))  # the Input card, left of the Predictions card
    background = np.round(np.array(app.scene.theme.background[:3]) * 255)
    assert np.abs(pixels(app)[strip] - background).max() > 100
    tap(app, x, y)
    tap(app, x, y)
    assert app.presenter.big == "predictions"
    # The card fills the screen's height; its neighbours are covered, not magnified.
    assert np.abs(pixels(app)[strip] - background).max() <= 2
    key(app, "x")
    assert app.presenter.big is None
    key(app, "z")  # Z over the card (the pointer rests there) does the same
    assert app.presenter.big == "predictions"


def test_the_pointer_ring_is_on_in_lecture_mode_and_fades(make_app):
    lecture = make_app("--size", "960x540", "--mode", "lecture")
    assert lecture.presenter.pointer_ring
    lecture.run(2)
    lecture.window.inject(ev.PointerMove(400, 300))
    lecture.run(lecture.frames_drawn + 1)
    with_ring = pixels(lecture)
    lecture.run(lecture.frames_drawn + 150)  # 2.5 s: faded
    without = pixels(lecture)
    ring = with_ring[300 - 40 : 300 + 40, 400 - 40 : 400 + 40]
    rest = without[300 - 40 : 300 + 40, 400 - 40 : 400 + 40]
    assert np.abs(ring - rest).max() > 100
    assert not make_app("--size", "640x360").presenter.pointer_ring


def test_magnified_layers_put_the_card_in_the_middle_of_the_screen():
    from nnviz.app.presenter import BIG_MARGIN, magnified
    from nnviz.render.renderer import LayerTransform

    size = (800, 400)
    (_, t), = magnified([(None, LayerTransform.screen(*size))], (100, 100, 200, 100), size)
    corner = t.matrix @ np.array([100.0, 100.0, 1.0])
    centre_ = t.matrix @ np.array([200.0, 150.0, 1.0])
    assert centre_[:2] == pytest.approx((0.0, 0.0), abs=1e-6)
    assert corner[1] == pytest.approx(BIG_MARGIN, abs=1e-5)  # the card's top reaches the top
    assert t.px_per_unit == pytest.approx(4 * BIG_MARGIN)


def test_f12_saves_the_screen_to_a_new_png(make_app, tmp_path):
    from PIL import Image

    app = make_app("--size", "640x360", "--save-dir", str(tmp_path))
    app.run(2)
    key(app, "f12")
    key(app, "f12")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["nnviz-001.png", "nnviz-002.png"]
    with Image.open(tmp_path / names[0]) as img:
        assert img.size == (640, 360)
    assert "Picture saved to" in app.notice.text
