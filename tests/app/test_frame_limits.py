"""One frame-size limit: refused on the command line, shrunk for resize events."""

from __future__ import annotations

from nnviz.app.frame_limits import MAX_PIXELS, clamp_frame_size, frame_size_problem, is_drawable


def test_sizes_up_to_8k_are_fine_and_larger_ones_say_what_they_would_cost():
    assert frame_size_problem(3840, 2160) is None and frame_size_problem(7680, 4320) is None
    problem = frame_size_problem(16384, 16384)
    assert problem is not None and "1.0 GiB per frame" in problem
    assert "out of range" in (frame_size_problem(8, 8) or "")


def test_clamping_keeps_the_aspect_and_the_limit():
    assert clamp_frame_size(1280, 720) == (1280, 720)
    w, h = clamp_frame_size(32000, 18000)
    assert w * h <= MAX_PIXELS and abs(w / h - 16 / 9) < 0.01
    assert clamp_frame_size(0, 0) == (0, 0)


def test_zero_sided_drawables_are_not_drawable():
    assert not is_drawable((0, 0)) and not is_drawable((640, 0)) and is_drawable((1, 1))
