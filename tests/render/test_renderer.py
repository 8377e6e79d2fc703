"""Pixel probes: each primitive drawn alone into a small framebuffer and read back.

Each probe checks the centre colour, the background outside, and that the edge
between them is anti-aliased (partial coverage), on the real GL pipeline.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from nnviz.render.renderer import LayerTransform, read_pixels

W, H = 96, 96
WHITE = (1.0, 1.0, 1.0, 1.0)
BLUE = (0.0, 0.447, 0.698, 1.0)


@pytest.fixture
def fbo(make_fbo):
    return make_fbo(W, H)


def draw(renderer, fbo, build, transform=None):
    dl = renderer.new_draw_list()
    build(dl)
    renderer.render(fbo, [(dl, transform or LayerTransform.screen(W, H))], clear=WHITE)
    return read_pixels(fbo)[:, :, :3].astype(int)


def is_blue(px):
    return abs(px[0] - 0) <= 2 and abs(px[1] - 114) <= 2 and abs(px[2] - 178) <= 2


def is_white(px):
    return all(c >= 253 for c in px)


def is_partial(px):
    return not is_blue(px) and not is_white(px)


def edge_profile(img, y, x_from, x_to):
    return [tuple(img[y, x]) for x in range(x_from, x_to)]


def assert_aa_edge(img, y, x_inside, x_outside):
    """Walking from inside to outside, the colour passes through partial coverage."""
    step = 1 if x_outside > x_inside else -1
    row = (
        edge_profile(img, y, x_inside, x_outside + step)
        if step > 0
        else [tuple(img[y, x]) for x in range(x_inside, x_outside - 1, -1)]
    )
    assert is_blue(row[0]) and is_white(row[-1])
    assert any(is_partial(p) for p in row), row


def test_rect_fill_outside_and_edge(renderer, fbo):
    img = draw(renderer, fbo, lambda dl: dl.rect(20.3, 20.3, 76.3, 76.3, BLUE))
    assert is_blue(img[48, 48])
    assert is_white(img[5, 5])
    assert is_partial(img[48, 20]) or is_partial(img[48, 76])
    assert_aa_edge(img, 48, 40, 90)


def test_rect_stroke_and_rounded_corner(renderer, fbo):
    img = draw(
        renderer,
        fbo,
        lambda dl: dl.rect(16, 16, 80, 80, WHITE, stroke=BLUE, stroke_width=6, radius=20),
    )
    assert is_blue(img[48, 16])  # on the stroke
    assert is_white(img[48, 48])  # fill
    assert is_white(img[17, 17])  # the rounded corner is cut away


def test_circle_disc_and_ring(renderer, fbo):
    img = draw(renderer, fbo, lambda dl: dl.circle(48, 48, 30.3, BLUE))
    assert is_blue(img[48, 48]) and is_white(img[2, 2])
    assert_aa_edge(img, 48, 48, 93)
    ring = draw(renderer, fbo, lambda dl: dl.ring(48, 48, 30, 6, BLUE))
    assert is_white(ring[48, 48]) and is_blue(ring[48, 78]) and is_white(ring[48, 90])


def test_circle_pie_cuts_the_unselected_angles(renderer, fbo):
    # Quarter from 0 (pointing right) clockwise to pi/2 (pointing down, y is down).
    img = draw(renderer, fbo, lambda dl: dl.circle(48, 48, 40, BLUE, start=0.0, end=np.pi / 2))
    assert is_blue(img[68, 68])  # lower right
    assert is_white(img[28, 28])  # upper left
    assert is_white(img[28, 68])  # upper right


def test_line_solid_and_width(renderer, fbo):
    img = draw(renderer, fbo, lambda dl: dl.line(10, 48.5, 86, 48.5, 8, BLUE))
    assert is_blue(img[48, 48])
    assert is_white(img[30, 48])
    col = [tuple(img[y, 48]) for y in range(40, 58)]
    assert sum(is_blue(p) for p in col) in range(6, 10)


def test_line_dashes_move_with_dash_time(renderer, fbo):
    def build(dl):
        dl.line(0, 48, 96, 48, 8, BLUE, dash=12, gap=12, flow=10)

    renderer.dash_time = 0.0
    a = draw(renderer, fbo, build)
    renderer.dash_time = 0.6  # 6 px along the line
    b = draw(renderer, fbo, build)
    renderer.dash_time = 0.0
    row_a = [is_blue(a[48, x]) for x in range(96)]
    row_b = [is_blue(b[48, x]) for x in range(96)]
    assert 0 < sum(row_a) < 96, "dashed line has dashes and gaps"
    assert row_a != row_b
    assert row_a[10:80] == row_b[16:86]  # same pattern, shifted by 6 pixels


@pytest.mark.parametrize("dash_time", [0.0, 0.35])
def test_polyline_dashes_run_on_through_its_corners(renderer, fbo, dash_time):
    """A dashed polyline's pattern continues from segment to segment, moving or not: cut
    into three segments at points that fall inside dashes and gaps, it draws the same
    pixels as the one segment (each piece used to start its own pattern)."""
    whole = np.array([[0, 48], [96, 48]], dtype=np.float64)
    cut = np.array([[0, 48], [17, 48], [53, 48], [96, 48]], dtype=np.float64)

    def row(points):
        img = draw(renderer, fbo, lambda dl: dl.polyline(points, 8, BLUE, dash=12, gap=8,
                                                          flow=10))  # fmt: skip
        return [is_blue(img[48, x]) for x in range(4, 92)]

    renderer.dash_time = dash_time
    try:
        one = row(whole)
        assert 0 < sum(one) < len(one)
        assert row(cut) == one
    finally:
        renderer.dash_time = 0.0


def test_dashes_still_move_after_30_days_of_animation(renderer, fbo):
    def build(dl):
        dl.line(0, 48, 96, 48, 8, BLUE, dash=12, gap=12, flow=60)  # 1 px per 1/60 s frame

    def at(t):
        renderer.dash_time = t
        return draw(renderer, fbo, build)

    month = 30 * 86400.0  # a whole number of pattern periods: looks like t = 0
    try:
        frames = [at(month + k / 60) for k in range(4)]
        assert all(not np.array_equal(a, b) for a, b in itertools.pairwise(frames))
        for k in (0, 3):
            assert np.abs(frames[k] - at(k / 60)).max() <= 2
    finally:
        renderer.dash_time = 0.0


def test_bezier_follows_its_curve(renderer, fbo):
    img = draw(renderer, fbo, lambda dl: dl.bezier((8, 80), (8, 10), (88, 10), (88, 80), 6, BLUE))
    # The curve's apex at t=0.5 is at y = 0.125*80 + 0.75*10 + 0.125*80 = 27.5.
    assert is_blue(img[27, 48]) or is_blue(img[28, 48])
    assert is_white(img[60, 48])
    assert is_blue(img[78, 8]) or is_blue(img[77, 8])


def test_arrow_points_along_its_direction(renderer, fbo):
    img = draw(renderer, fbo, lambda dl: dl.arrow(80, 48, 1, 0, 40, 40, BLUE))
    assert is_blue(img[48, 60])
    assert is_white(img[48, 86])  # beyond the tip
    assert is_white(img[30, 75])  # outside the slanted side near the tip
    assert is_blue(img[34, 44])  # near the wide back


def test_text_draws_glyph_pixels_with_soft_edges(renderer, fbo):
    img = draw(renderer, fbo, lambda dl: dl.text("H", 20, 20, 60, BLUE))
    blue = sum(is_blue(tuple(p)) for p in img.reshape(-1, 3))
    partial = sum(is_partial(tuple(p)) for p in img.reshape(-1, 3))
    assert blue > 200 and partial > 20
    assert is_white(img[5, 5])


def test_premultiplied_alpha_blends_half(renderer, fbo):
    img = draw(renderer, fbo, lambda dl: dl.rect(0, 0, 96, 96, (0.0, 0.0, 0.0, 0.5)))
    assert all(abs(c - 128) <= 2 for c in img[48, 48])


def test_world_transform_scales_with_zoom(renderer, fbo):
    transform = LayerTransform.world((0.0, 0.0), 4.0, W, H)  # 4 px per unit
    img = draw(renderer, fbo, lambda dl: dl.circle(0, 0, 5, BLUE), transform)
    assert is_blue(img[48, 48]) and is_blue(img[48, 48 + 18]) and is_white(img[48, 48 + 23])


def test_stats_count_one_draw_call_per_kind(renderer, fbo):
    dl = renderer.new_draw_list()
    for i in range(50):
        dl.circle(i, i, 2, BLUE)
        dl.rect(i, i, i + 2, i + 2, BLUE)
    stats = renderer.render(fbo, [(dl, LayerTransform.screen(W, H))], clear=WHITE)
    assert stats.draw_calls == 2
    assert stats.primitives == 100


def test_buffers_grow_for_large_batches(renderer, fbo):
    dl = renderer.new_draw_list()
    centers = np.random.default_rng(0).uniform(0, 96, size=(20000, 2))
    dl.circles(centers, 1.0, np.array([BLUE]))
    stats = renderer.render(fbo, [(dl, LayerTransform.screen(W, H))], clear=WHITE)
    assert stats.primitives == 20000
    pixels = read_pixels(fbo)[:, :, :3].reshape(-1, 3).astype(int)
    assert np.mean([is_blue(tuple(p)) for p in pixels]) > 0.5  # 20000 dots cover most pixels


def test_camera_transform_matches_camera_world_to_screen(renderer, fbo):
    from nnviz.render.camera import Camera2D

    camera = Camera2D(viewport=(48, 96), center=(10.0, 5.0), zoom=3.0)
    transform = LayerTransform.from_camera(camera, (W, H), origin=(48, 0))
    sx, sy = camera.world_to_screen(12.0, 9.0)
    img = draw(renderer, fbo, lambda dl: dl.circle(12.0, 9.0, 1.5, BLUE), transform)
    assert is_blue(img[int(sy), int(48 + sx)])
    assert is_white(img[int(sy), int(sx)])  # not where it would be without the origin


def test_old_gl_is_refused_with_the_renderer_named():
    from types import SimpleNamespace

    from nnviz.render.renderer import GLVersionError, check_gl_version

    # The two attributes check_gl_version reads, as a GL 2.1 driver reports them.
    old = SimpleNamespace(
        version_code=210,
        info={"GL_VERSION": "2.1 Mesa", "GL_RENDERER": "Ancient GPU", "GL_VENDOR": "Acme"},
    )
    with pytest.raises(GLVersionError, match="Ancient GPU"):
        check_gl_version(old)


def test_panel_fill_edge_and_shadow(renderer, fbo):
    img = draw(
        renderer,
        fbo,
        lambda dl: dl.panel(
            16.3, 16.3, 70.3, 70.3, BLUE, radius=12, shadow=(0, 0, 0, 0.5), shadow_offset=(6, 6)
        ),
    )
    assert is_blue(img[40, 40])  # the inner box, drawn by the plain fill pass
    assert is_blue(img[40, 18])  # the ring, drawn by the distance-field pass
    assert is_white(img[17, 17])  # rounded corner
    assert_aa_edge(img, 40, 30, 95)
    below = img[74, 40]  # shadow under the lower edge: darker than the background
    assert max(below) < 250 and not is_blue(below)
    assert is_white(img[5, 90])


def test_panel_is_drawn_below_other_kinds(renderer, fbo):
    dl = renderer.new_draw_list()
    dl.circle(48, 48, 10, (1.0, 0.0, 0.0, 1.0))
    dl.panel(0, 0, 96, 96, BLUE)
    stats = renderer.render(fbo, [(dl, LayerTransform.screen(W, H))], clear=WHITE)
    img = read_pixels(fbo)[:, :, :3].astype(int)
    assert tuple(img[48, 48]) == (255, 0, 0)  # circle over the panel although added first
    # An opaque panel's inside is one plain fill with blending off, then its edge and the
    # circle.
    assert stats.draw_calls == 3


def test_kinds_after_an_opaque_panel_blend_again(renderer, fbo):
    """The opaque interiors are filled with blending off; what follows blends as before."""
    dl = renderer.new_draw_list()
    dl.panel(0, 0, 96, 96, BLUE)
    dl.circle(48, 48, 20, (1.0, 0.0, 0.0, 0.5))
    renderer.render(fbo, [(dl, LayerTransform.screen(W, H))], clear=WHITE)
    blue = np.rint(np.asarray(BLUE[:3]) * 255)
    mixed = read_pixels(fbo)[48, 48, :3].astype(int)
    expected = np.rint(0.5 * np.array([255.0, 0.0, 0.0]) + 0.5 * blue)
    assert np.abs(mixed - expected).max() <= 2


@pytest.mark.parametrize("alpha", [1.0, 0.6])
def test_panel_inside_has_no_gaps_between_clear_and_edge(renderer, fbo, alpha):
    x0, y0, x1, y1, radius = 10.37, 12.61, 83.2, 80.45, 9.0
    img = draw(
        renderer,
        fbo,
        lambda dl: dl.panel(
            x0,
            y0,
            x1,
            y1,
            (0.0, 0.447, 0.698, alpha),
            radius=radius,
            stroke=(0, 0, 0, 1),
            stroke_width=2.0,
        ),
    )
    ys, xs = np.mgrid[0:H, 0:W] + 0.5
    qx = np.maximum(np.abs(xs - (x0 + x1) / 2) - ((x1 - x0) / 2 - radius), 0)
    qy = np.maximum(np.abs(ys - (y0 + y1) / 2) - ((y1 - y0) / 2 - radius), 0)
    inside_x = np.abs(xs - (x0 + x1) / 2) <= (x1 - x0) / 2 - 3
    inside_y = np.abs(ys - (y0 + y1) / 2) <= (y1 - y0) / 2 - 3
    deep = inside_x & inside_y & (np.hypot(qx, qy) <= radius - 3)
    colours = {tuple(p) for p in img[deep]}
    assert len(colours) == 1  # one flat colour: no seam where clear meets edge


def test_local_space_inside_a_layer_maps_offset_and_scale(renderer, fbo):
    parent = LayerTransform.world((0.0, 0.0), 2.0, W, H)  # 2 px per parent unit
    child = parent.then_local((10.0, 0.0), 0.5)  # child unit = 0.5 parent units = 1 px
    assert child.px_per_unit == 1.0
    img = draw(renderer, fbo, lambda dl: dl.circle(0.0, 0.0, 6.0, BLUE), child)
    # Child origin sits at parent (10, 0) → pixel (48 + 20, 48).
    assert is_blue(img[48, 68]) and is_white(img[48, 48])


def test_clipped_layer_draws_only_inside_its_rectangle(renderer, fbo):
    transform = LayerTransform.screen(W, H).clipped(0, 0, 48, 96)
    img = draw(renderer, fbo, lambda dl: dl.rect(10, 10, 86, 86, BLUE), transform)
    assert is_blue(img[48, 30]) and is_white(img[48, 60])
    img = draw(renderer, fbo, lambda dl: dl.rect(10, 10, 86, 86, BLUE))
    assert is_blue(img[48, 60])  # the scissor does not leak into the next frame
