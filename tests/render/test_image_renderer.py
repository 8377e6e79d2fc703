"""The image primitive on the real GL pipeline: texels where the box says, nearest and
linear sampling, its place in the kind order, the atlas of several images, and a texture
that is re-used (and not re-uploaded) frame after frame."""

from __future__ import annotations

import gc

import moderngl
import numpy as np
import pytest

from nnviz.render.renderer import LayerTransform, Renderer, read_pixels

W, H = 96, 96
WHITE = (1.0, 1.0, 1.0, 1.0)
BLACK = (0.0, 0.0, 0.0, 1.0)
GL_TYPES = (moderngl.Buffer, moderngl.Texture, moderngl.Framebuffer, moderngl.VertexArray,
            moderngl.Program)  # fmt: skip


@pytest.fixture
def fbo(make_fbo):
    return make_fbo(W, H)


def draw(renderer, fbo, build, clear=WHITE) -> np.ndarray:
    dl = renderer.new_draw_list()
    build(dl)
    renderer.render(fbo, [(dl, LayerTransform.screen(W, H))], clear=clear)
    return read_pixels(fbo)[:, :, :3].astype(int)


def solid(color, h: int = 4, w: int = 4) -> np.ndarray:
    return np.broadcast_to(np.asarray(color, dtype=np.float64), (h, w, 4)).copy()


def checker() -> np.ndarray:
    """4×4 texels, each its own colour (row-major, row 0 at the top)."""
    rng = np.random.default_rng(7)
    out = np.ones((4, 4, 4))
    out[..., :3] = rng.integers(0, 256, (4, 4, 3)) / 255.0
    return out


def test_nearest_texels_fill_their_cells_of_the_box_exactly(renderer, fbo):
    texels = checker()
    img = draw(renderer, fbo, lambda dl: dl.image(16, 16, 80, 80, texels, smooth=False))
    expected = np.rint(texels[..., :3] * 255).astype(int)
    for row in range(4):
        for col in range(4):
            for dy in (0, 8, 15):  # every pixel of a 16-pixel cell, edges included
                for dx in (0, 8, 15):
                    got = img[16 + 16 * row + dy, 16 + 16 * col + dx]
                    assert np.abs(got - expected[row, col]).max() <= 1, (row, col, dx, dy)
    # The box sits where it was asked for: nothing outside it.
    assert (img[15, 16:80] == 255).all() and (img[80, 16:80] == 255).all()
    assert (img[16:80, 15] == 255).all() and (img[16:80, 80] == 255).all()


def test_linear_sampling_ramps_between_texel_centres_and_holds_at_the_edges(renderer, fbo):
    ramp = np.ones((1, 2, 4))
    ramp[0, 0, :3], ramp[0, 1, :3] = 0.0, 1.0  # black | white
    img = draw(renderer, fbo, lambda dl: dl.image(0, 0, 64, 96, ramp))
    row = img[48, :64, 0]
    # Texel centres at x = 16 and 48: flat outside them, linear between.
    x = np.arange(64) + 0.5
    expected = np.clip((x - 16.0) / 32.0, 0.0, 1.0) * 255.0
    assert np.abs(row - expected).max() <= 3
    assert row[0] <= 1 and row[63] >= 254  # no bleed from the atlas around the image


def test_an_image_lies_on_panels_and_under_rectangles_and_text(renderer, fbo):
    def build(dl):
        dl.rect(40, 40, 56, 56, BLACK)  # added first, drawn above the image all the same
        dl.image(8, 8, 88, 88, solid((0.0, 0.447, 0.698, 1.0)))
        dl.panel(0, 0, 96, 96, (1.0, 0.0, 0.0, 1.0))
        dl.text("M", 10, 60, 30, BLACK, anchor="ls")

    img = draw(renderer, fbo, build)
    assert img[4, 4].tolist() == [255, 0, 0]  # the panel, outside the image
    assert np.abs(img[20, 80] - [0, 114, 178]).max() <= 1  # the image on the panel
    assert img[48, 48].tolist() == [0, 0, 0]  # the rectangle over it
    text = img[30:60, 10:40]
    assert (np.abs(text - [0, 0, 0]).max(axis=2) <= 8).sum() > 30  # the glyph's ink over it


def test_several_images_share_one_atlas_and_keep_their_own_colours(renderer, fbo):
    colours = [(1.0, 0.0, 0.0, 1.0), (0.0, 1.0, 0.0, 1.0), (0.0, 0.0, 1.0, 1.0), BLACK]
    boxes = [(0, 0, 40, 40), (48, 0, 96, 40), (0, 48, 40, 96), (48, 48, 96, 96)]
    shapes = [(3, 5), (17, 2), (8, 8), (1, 1)]

    def build(dl):
        for (x0, y0, x1, y1), c, (h, w) in zip(boxes, colours, shapes, strict=True):
            dl.image(x0, y0, x1, y1, solid(c, h, w))

    img = draw(renderer, fbo, build, clear=(0.5, 0.5, 0.5, 1.0))
    for (x0, y0, x1, y1), c in zip(boxes, colours, strict=True):
        region = img[y0:y1, x0:x1]
        assert (np.abs(region - np.array(c[:3]) * 255).max(axis=2) <= 1).all()
    assert img[44, 44].tolist() == [128, 128, 128]  # between them, the background


def test_a_faded_image_blends_premultiplied(renderer, fbo):
    img = draw(renderer, fbo, lambda dl: dl.image(0, 0, 96, 96, solid(BLACK),
                                                  tint=(1.0, 1.0, 1.0, 0.5)))  # fmt: skip
    assert np.abs(img[48, 48] - 128).max() <= 1


def _is_gl_object(obj: object) -> bool:
    try:
        return isinstance(obj, GL_TYPES)
    except ReferenceError:  # a weak proxy (among gc's objects) whose referent is gone
        return False


def live_gl_objects() -> int:
    gc.collect()
    live = (o for o in gc.get_objects() if _is_gl_object(o))
    return sum(1 for o in live if not isinstance(o.mglo, moderngl.InvalidObject))


def test_the_atlas_texture_is_reused_and_nothing_leaks_over_many_frames(
    gl_ctx, atlas, fbo, monkeypatch
):
    # Objects the renderer lets go are freed at once (the session's context defers that to
    # ctx.gc()), so what is still alive afterwards is what the renderer holds.
    monkeypatch.setattr(gl_ctx, "gc_mode", "auto")
    renderer = Renderer(gl_ctx, atlas)
    transform = LayerTransform.screen(W, H)

    def frame(n: int) -> None:
        dl = renderer.new_draw_list()
        side = (3, 40, 3, 90)[n % 4]  # the atlas changes size every other frame
        dl.image(0, 0, 48, 48, solid((n % 7 / 7, 0.5, 0.5, 1.0), side, side), key=("map", n))
        dl.image(48, 0, 96, 48, solid(BLACK))
        renderer.render(fbo, [(dl, transform)], clear=WHITE)

    frame(0)
    texture = renderer._image_textures[0][0]
    for n in range(4, 40, 4):  # same size: the same texture object
        frame(n)
        assert renderer._image_textures[0][0] is texture
    base = live_gl_objects()
    for n in range(200):
        frame(n)
    frame(0)
    assert live_gl_objects() == base
    renderer.release()


def test_a_keyed_atlas_is_uploaded_once_an_unkeyed_one_every_frame(renderer, fbo):
    red, blue = solid((1.0, 0.0, 0.0, 1.0)), solid((0.0, 0.0, 1.0, 1.0))
    assert draw(renderer, fbo, lambda dl: dl.image(0, 0, 96, 96, red, key="m"))[48, 48].tolist() \
        == [255, 0, 0]  # fmt: skip
    # The same key promises the same pixels: nothing is uploaded, the texture still holds red.
    assert draw(renderer, fbo, lambda dl: dl.image(0, 0, 96, 96, blue, key="m"))[48, 48].tolist() \
        == [255, 0, 0]  # fmt: skip
    assert draw(renderer, fbo, lambda dl: dl.image(0, 0, 96, 96, blue))[48, 48].tolist() \
        == [0, 0, 255]  # fmt: skip
