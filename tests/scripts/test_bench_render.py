"""bench_render's reference frame is the fixed picture it claims to be."""

from __future__ import annotations


def test_reference_frame_draws_its_fixed_content(gl_ctx, atlas):
    import bench_render

    from nnviz.render.renderer import Renderer, read_pixels

    renderer = Renderer(gl_ctx, atlas)
    draw = bench_render.reference_frame(renderer)
    draw()
    assert renderer.stats.primitives == sum(bench_render.REFERENCE_COUNTS.values())
    assert draw.framebuffer.size == bench_render.REFERENCE_SIZE
    first = read_pixels(draw.framebuffer)
    draw()
    assert (read_pixels(draw.framebuffer) == first).all()  # the same picture every frame
    assert first.std() > 10  # and not a blank one
