"""The kept picture: redrawn only where it changed, and always equal to a full redraw."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.render.renderer import LayerTransform, read_pixels
from nnviz.render.retained import RetainedCanvas

SIZE = (400, 300)
BACKGROUND = (0.95, 0.95, 0.96, 1.0)


class RandomPicture:
    """Three layers of every primitive kind whose parts change a little from frame to frame."""

    def __init__(self, renderer, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.renderer = renderer
        self.lists = [renderer.new_draw_list() for _ in range(3)]
        self.items = [self._random_item() for _ in range(24)]
        self.zoom = 1.0
        self.pan = 0.0
        self.heat = 0

    def _random_item(self) -> tuple:
        r = self.rng
        kind = r.choice(["panel", "rect", "circle", "line", "bezier", "arrow", "text"])
        x, y = r.uniform(0, SIZE[0]), r.uniform(0, SIZE[1])
        color = (*r.uniform(0, 0.8, 3), float(r.choice([0.5, 1.0])))
        return (str(kind), x, y, float(r.uniform(6, 40)), color, int(r.integers(0, 3)))

    def change(self) -> None:
        """One to three parts move, recolour, appear or go; the zoom, dashes and heat map
        sometimes change too."""
        r = self.rng
        for _ in range(int(r.integers(1, 4))):
            i = int(r.integers(len(self.items)))
            what = r.integers(4)
            if what == 0:
                self.items.insert(i, self._random_item())
            elif what == 1 and len(self.items) > 4:
                del self.items[i]
            else:
                kind, x, y, s, color, layer = self.items[i]
                self.items[i] = (kind, x + r.normal(0, 8), y + r.normal(0, 8), s, color, layer)
        if r.random() < 0.15:
            self.zoom = float(r.uniform(0.8, 1.3))
        if r.random() < 0.15:
            self.pan = float(r.uniform(-20, 20))  # the clipped layer scrolls
        if r.random() < 0.3:
            self.heat += 1
        self.renderer.dash_time = float(self.renderer.dash_time + r.choice([0.0, 0.05]))

    def layers(self) -> list:
        for dl in self.lists:
            dl.clear()
        for kind, x, y, s, color, layer in self.items:
            dl = self.lists[layer]
            if kind == "panel":
                dl.panel(x, y, x + 3 * s, y + 2 * s, color, stroke=(0, 0, 0, 1), stroke_width=2,
                         radius=6, shadow=(0, 0, 0, 0.3), shadow_offset=(3, 4))  # fmt: skip
            elif kind == "rect":
                dl.rect(x, y, x + s, y + s, color, stroke=(0.2, 0.2, 0.2, 1), stroke_width=3)
            elif kind == "circle":
                dl.circle(x, y, s / 2, color, stroke=(0, 0, 0, 1), stroke_width=2)
            elif kind == "line":
                dl.line(x, y, x + 2 * s, y + s, 3.0, color, dash=5, gap=3, flow=20)
            elif kind == "bezier":
                dl.bezier((x, y), (x + s, y - s), (x + 2 * s, y + s), (x + 3 * s, y), 2.5, color)
            elif kind == "arrow":
                dl.arrow(x, y, 1.0, 0.3, s / 2, s / 3, color)
            else:
                dl.text(f"{x:.1f}", x, y, 14.0, color)
        heat = np.full((8, 8, 4), 255, dtype=np.uint8)
        heat[:, :, 0] = (self.heat * 37) % 256
        self.lists[2].image(20, 60, 100, 140, heat, key=("heat", self.heat))
        world = LayerTransform.world((SIZE[0] / 2, SIZE[1] / 2), self.zoom, *SIZE)
        screen = LayerTransform.screen(*SIZE)
        scrolled = screen.then_local((self.pan, 0.0), 1.0).clipped(10, 10, 180, 150)
        return [(self.lists[0], screen), (self.lists[1], world), (self.lists[2], scrolled)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_kept_picture_equals_a_full_redraw_frame_after_frame(renderer, make_fbo, seed):
    picture = RandomPicture(renderer, seed)
    canvas = RetainedCanvas(renderer)
    window, full = make_fbo(*SIZE), make_fbo(*SIZE)
    partial = scrolled = 0
    pan = picture.pan
    for frame in range(40):
        layers = picture.layers()
        canvas.render(window, layers, BACKGROUND)
        partial += canvas.damaged_share < 1.0
        scrolled += canvas.damaged_share < 1.0 and picture.pan != pan
        pan = picture.pan
        renderer.render(full, layers, clear=BACKGROUND)
        got, want = read_pixels(window), read_pixels(full)
        assert np.array_equal(got, want), (
            f"frame {frame}: {(got != want).any(axis=2).sum()} pixels differ from a full redraw"
        )
        picture.change()
    canvas.release()
    assert partial >= 20, "most frames should redraw only part of the window"
    assert scrolled >= 1, "a scrolled clipped layer should damage its clip, not everything"


def test_a_frame_without_changes_draws_nothing_and_keeps_the_picture(renderer, make_fbo):
    picture = RandomPicture(renderer, 7)
    canvas = RetainedCanvas(renderer)
    window = make_fbo(*SIZE)
    layers = picture.layers()
    canvas.render(window, layers, BACKGROUND)
    first = read_pixels(window)
    window.clear(1.0, 0.0, 0.0, 1.0)  # a swapped back buffer holds anything
    canvas.render(window, picture.layers(), BACKGROUND)
    assert canvas.damaged_share == 0.0
    assert renderer.stats.draw_calls == 0
    assert np.array_equal(read_pixels(window), first)
    canvas.release()


def test_a_new_size_or_background_redraws_everything(renderer, make_fbo):
    picture = RandomPicture(renderer, 8)
    canvas = RetainedCanvas(renderer)
    canvas.render(make_fbo(*SIZE), picture.layers(), BACKGROUND)
    canvas.render(make_fbo(*SIZE), picture.layers(), (0.1, 0.1, 0.1, 1.0))
    assert canvas.damaged_share == 1.0
    bigger = make_fbo(500, 320)
    canvas.render(bigger, picture.layers(), (0.1, 0.1, 0.1, 1.0))
    assert canvas.damaged_share == 1.0
    full = make_fbo(500, 320)
    renderer.render(full, picture.layers(), clear=(0.1, 0.1, 0.1, 1.0))
    assert np.array_equal(read_pixels(bigger), read_pixels(full))
    canvas.release()


def test_full_frames_in_a_row_go_straight_to_the_window_and_the_texture_catches_up(
    renderer, make_fbo
):
    """A zoom redraws everything every frame: no copy then; once it settles, the kept
    picture is brought up to date before it is used again."""
    picture = RandomPicture(renderer, 9)
    canvas = RetainedCanvas(renderer)
    window, full = make_fbo(*SIZE), make_fbo(*SIZE)
    for frame in range(12):
        if frame < 6:
            picture.zoom = 1.0 + 0.05 * frame  # the world layer moves: a full frame
        else:
            picture.change()
        layers = picture.layers()
        canvas.render(window, layers, BACKGROUND)
        renderer.render(full, layers, clear=BACKGROUND)
        assert np.array_equal(read_pixels(window), read_pixels(full)), f"frame {frame}"
    canvas.release()
