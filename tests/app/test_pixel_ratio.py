"""A HiDPI drawable: sizes in pixels read afresh, a resize when the ratio changes, and a
picture at twice the pixels that is the same picture.

The ratio is read from SDL in a real window (:func:`sdl_drawable_size`, checked under
Xvfb, where it is 1); a move between a HiDPI and a normal screen is played here with the
window's two sizes as functions, and the picture at a pixel ratio of 2 with a headless
drawable twice the window's size, the pointer given in drawable pixels as
:func:`nnviz.app.events.translate` gives it.
"""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.app.pixel_ratio import DrawableMap, with_resize
from nnviz.render.renderer import read_pixels
from nnviz.ui import events as ev
from tests.app.xvfb import needs_xvfb, run_in_xvfb
from tests.image_compare import within_tolerance


class Screens:
    """A window 1280×720 points large on a HiDPI screen, then moved to a normal one."""

    def __init__(self) -> None:
        self.window = (1280, 720)
        self.drawable: tuple[int, int] | None = (2560, 1440)

    def move_to_a_normal_screen(self) -> None:
        self.drawable = (1280, 720)


def test_the_drawable_is_read_afresh_when_the_window_changes_screen():
    screens = Screens()
    pixels = DrawableMap(lambda: screens.window, lambda: screens.drawable, 2.0)
    assert pixels.size == (2560, 1440) and pixels.ratio == 2.0
    screens.move_to_a_normal_screen()
    assert pixels.size == (1280, 720) and pixels.ratio == 1.0


def test_without_sdl_the_ratio_seen_at_start_is_kept():
    screens = Screens()
    pixels = DrawableMap(lambda: screens.window, None, 2.0)
    assert pixels.size == (2560, 1440) and pixels.ratio == 2.0
    screens.drawable = None  # SDL has no current GL window (it is closing)
    pixels = DrawableMap(lambda: screens.window, lambda: screens.drawable, 2.0)
    assert pixels.size == (2560, 1440) and pixels.ratio == 2.0


def test_a_changed_drawable_becomes_one_resize():
    move = [ev.PointerMove(1, 1)]
    assert with_resize(move, (2560, 1440), (1280, 720)) == [*move, ev.Resize(1280, 720)]
    assert with_resize(move, (1280, 720), (1280, 720)) == move
    assert with_resize(move, None, (1280, 720)) == move  # the first events: laid out already
    told = [ev.Resize(1280, 720)]
    assert with_resize(told, (2560, 1440), (1280, 720)) == told


def _downsampled(pixels: np.ndarray) -> np.ndarray:
    """A picture at half its pixels each way (each 2×2 block averaged)."""
    h, w = pixels.shape[0] // 2, pixels.shape[1] // 2
    rgb = pixels[: 2 * h, : 2 * w, :3].astype(np.float64)
    return rgb.reshape(h, 2, w, 2, 3).mean(axis=(1, 3)).round().astype(np.uint8)


def test_twice_the_pixels_is_the_same_picture_and_the_same_targets(make_app):
    """At a pixel ratio of 2 the drawable is twice the window each way: the layout, the
    type (its floor is a share of the drawable's height) and the tap targets scale with
    it, so the picture is the window's picture in finer pixels, and a tap at a point of
    the window, doubled as the window's events double it, lands on the same control."""
    normal = make_app("--scene", "demo", "--size", "1280x720", "--seed", "1")
    normal.run(3)
    small = read_pixels(normal.window.framebuffer)[:, :, :3]
    button = normal.scene.sim_play.rect
    body_px = normal.scene.theme.body_px
    hidpi = make_app("--scene", "demo", "--size", "2560x1440", "--seed", "1")
    hidpi.run(3)
    fine = _downsampled(read_pixels(hidpi.window.framebuffer))
    assert within_tolerance(small, fine, tolerance=4.0, max_bad=0.01)
    assert hidpi.scene.theme.body_px == pytest.approx(2 * body_px)
    x, y = button.cx * 2.0, button.cy * 2.0  # translate(event, size, ratio=2)
    hidpi.window.inject(ev.PointerDown(x, y), ev.PointerUp(x, y))
    hidpi.run(hidpi.frames_drawn + 1)
    assert hidpi.sim_clock.paused


_DRAWABLE_IN_A_WINDOW = """
from nnviz.app.pixel_ratio import sdl_drawable_size
from nnviz.app.window import PygameWindow
window = PygameWindow((320, 200))
read = sdl_drawable_size()
assert read is not None, "SDL_GL_GetDrawableSize not reached"
print(read(), window.size, window._pixels.ratio)
window.close()
"""


@pytest.mark.slow
@needs_xvfb
def test_a_real_window_reads_its_drawable_from_sdl() -> None:
    result = run_in_xvfb(_DRAWABLE_IN_A_WINDOW)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split("\n")[-2] == "(320, 200) (320, 200) 1.0"
