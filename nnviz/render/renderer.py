"""The renderer: draw lists → one instanced draw call per primitive kind per layer.

It is *handed* a moderngl context (a window's or a headless EGL one) and never
creates one, so the app and the tests decide where pixels go. Blending is
premultiplied alpha (``ONE, ONE_MINUS_SRC_ALPHA``), there is no depth buffer:
layers and the kind order inside a draw list decide what is on top.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import moderngl
import numpy as np

from nnviz.render.color import Color
from nnviz.render.damage import Drawn, Region
from nnviz.render.dashes import fastest_flow, with_dash_phase
from nnviz.render.drawlist import STRIDES, DrawList
from nnviz.render.font import ATLAS_SIZE, GlyphAtlas
from nnviz.render.glutil import release
from nnviz.render.gpu_constants import PANEL_AA_INSET_PX
from nnviz.render.layouts import LAYOUTS, PANEL
from nnviz.render.programs import KIND_PROGRAMS, PROGRAMS
from nnviz.render.shaders import compile_program
from nnviz.render.text import TextLayout
from nnviz.render.transform import LayerTransform

__all__ = [
    "FrameStats",
    "GLVersionError",
    "LayerTransform",  # re-exported: it lives in nnviz.render.transform (plain math)
    "Renderer",
    "check_gl_version",
    "read_pixels",
    "save_png",
]

IMAGE_UNIT = 1
"""Texture unit of the image atlases (the glyph atlas uses unit 0)."""
_DASHED_KINDS = tuple(kind for kind, layout in LAYOUTS.items() if "style.flow" in layout.index)
"""Kinds whose records carry a dash flow, turned into a phase before upload."""


@dataclass
class _Batch(Drawn):
    """A :class:`~nnviz.render.damage.Drawn` kind with what drawing it needs besides."""

    draw_list: DrawList | None = None


OPAQUE = "opaque"
"""In a batch's counts: its opaque panel interiors, drawn first without blending."""


class GLVersionError(RuntimeError):
    """The context is older than OpenGL 3.3; the message names the renderer found."""


@dataclass
class FrameStats:
    """What the last :meth:`Renderer.render` drew."""

    primitives: int = 0
    draw_calls: int = 0
    dash_speed_px: float = 0.0
    """Screen pixels per animation second moved by the fastest flowing dash drawn (0 when
    no dash flows): how often the picture changes while nothing else moves."""


class Renderer:
    """Owns the GL programs, instance buffers and glyph atlas texture."""

    def __init__(self, ctx: moderngl.Context, atlas: GlyphAtlas | None = None) -> None:
        check_gl_version(ctx)
        self.ctx = ctx
        self.atlas = atlas or GlyphAtlas()
        self.text_layout = TextLayout(self.atlas)
        self.dash_time = 0.0
        """Animation time (seconds, float64) at which moving dashes are drawn."""
        self.stats = FrameStats()
        self._programs = {name: compile_program(ctx, p.shader) for name, p in PROGRAMS.items()}
        self._uniforms_set: dict[str, tuple[bytes, float]] = {}
        """Per program, the transform its uniforms hold now."""
        self._buffers: dict[tuple[Hashable, str], moderngl.Buffer] = {}
        self._vaos: dict[tuple[Hashable, str, str], moderngl.VertexArray] = {}
        self._atlas_texture = ctx.texture((ATLAS_SIZE, ATLAS_SIZE), 1, dtype="f1")
        self._atlas_texture.filter = (moderngl.LINEAR, moderngl.LINEAR)
        self._atlas_version = -1
        self._programs["text"]["u_atlas"].value = 0
        self._image_textures: dict[int, tuple[moderngl.Texture, object]] = {}
        """Per layer slot: the texture of that draw list's image atlas and the atlas key
        it holds (``None``: written from an atlas without a key, so rewrite next time)."""
        self._programs["image"]["u_image"].value = IMAGE_UNIT

    def new_draw_list(self) -> DrawList:
        """A draw list that lays out text with this renderer's fonts."""
        return DrawList(self.text_layout)

    # -- per frame -----------------------------------------------------------------------
    def render(
        self,
        framebuffer: moderngl.Framebuffer,
        layers: list[tuple[DrawList, LayerTransform]],
        clear: Color | None = None,
    ) -> FrameStats:
        """Draw ``layers`` in order into ``framebuffer`` (cleared first when ``clear`` is given)."""
        return self.draw(framebuffer, self.prepare(layers), clear)

    def prepare(self, layers: list[tuple[DrawList, LayerTransform]]) -> list[Drawn]:
        """The frame's records per layer and kind as the GPU will read them (dash phases
        applied), with the frame's statistics; nothing is uploaded yet."""
        stats = FrameStats()
        drawn: list[Drawn] = []
        for slot, (draw_list, transform) in enumerate(layers):
            for kind, data in draw_list.arrays().items():
                if kind in _DASHED_KINDS:
                    speed = fastest_flow(data, LAYOUTS[kind]) * transform.px_per_unit
                    stats.dash_speed_px = max(stats.dash_speed_px, speed)
                    data = with_dash_phase(data, LAYOUTS[kind], self.dash_time)
                key = None
                if kind == "image":
                    atlas = draw_list.image_atlas()
                    key = None if atlas is None else atlas.key
                drawn.append(_Batch(slot, kind, data, transform, key, draw_list=draw_list))
                stats.primitives += len(data)
        self.stats = stats
        return drawn

    def draw(
        self,
        framebuffer: moderngl.Framebuffer,
        drawn: list[Drawn],
        clear: Color | None = None,
        regions: list[Region] | None = None,
    ) -> FrameStats:
        """Draw a prepared frame into ``framebuffer``: everywhere (``regions`` ``None``) or
        only inside each region (pixels, y down). A region is cleared first when ``clear``
        is given, then drawn with every layer in order, so its pixels are those a full
        frame has there. Inside a region only the records whose boxes reach it are drawn
        (``Drawn.boxes``, set by the damage tracker): on llvmpipe every vertex of a draw
        call is shaded whatever the scissor, so a small region would otherwise cost the
        vertex work of a whole frame."""
        ctx = self.ctx
        framebuffer.use()
        size = drawable_size(framebuffer)
        # Scissor "none" in moderngl is a box of the framebuffer's creation size, stale for
        # a resized window: always give the whole drawable explicitly.
        whole = (0, 0, *size)
        ctx.viewport = whole
        ctx.scissor = whole
        ctx.enable_only(moderngl.BLEND)
        ctx.blend_func = moderngl.ONE, moderngl.ONE_MINUS_SRC_ALPHA
        self._sync_atlas()
        for batch in drawn:  # once per frame: an upload makes llvmpipe finish its queue
            if batch.kind == "image":
                assert batch.draw_list is not None
                self._sync_images(batch.slot, batch.draw_list)
        stats = self.stats
        if regions is None:
            if clear is not None:
                framebuffer.clear(*clear)
            uploaded = [(batch, self._upload_batch(batch, batch.slot)) for batch in drawn]
            for batch, counts in uploaded:
                ctx.scissor = _scissor(batch.transform.clip, size)
                stats.draw_calls += self._draw_batch(batch, batch.slot, counts)
        cleared = bool(regions) and clear is not None
        if cleared:
            self._upload(("clear",), "panel", _background_panels(regions, clear))
        parts = [_parts_in(batch, regions) for batch in drawn] if regions else []
        for n, region in enumerate(regions or ()):
            box = _scissor(region, size)
            if cleared:
                ctx.scissor = box
                ctx.disable(moderngl.BLEND)
                self._draw(("clear",), "panel", "panel_fill", len(regions),
                           LayerTransform.screen(*size))  # fmt: skip
                ctx.enable(moderngl.BLEND)
            for batch, batch_parts in zip(drawn, parts, strict=True):
                part = batch_parts[n]
                scissor = _intersect(box, _scissor(batch.transform.clip, size))
                if part is None or scissor is None:
                    continue
                key = (batch.slot, n)  # buffers of their own: earlier passes still read theirs
                counts = self._upload_batch(part, key)
                ctx.scissor = scissor
                stats.draw_calls += self._draw_batch(part, key, counts)
        ctx.scissor = whole
        return stats

    def _upload_batch(self, batch: _Batch, key: Hashable) -> dict[str, int]:
        """Write a batch's records (and an opaque panel pass's) into the buffers of
        ``key``; the instance count per program (``OPAQUE``: the plain pass's)."""
        data = batch.records
        counts = {name: len(data) for name in KIND_PROGRAMS[batch.kind]}
        if batch.kind == "panel":
            data, counts["panel_fill"], counts[OPAQUE] = self._opaque_interiors(key, data)
        self._upload(key, batch.kind, data)
        return counts

    def _draw_batch(self, batch: _Batch, key: Hashable, counts: dict[str, int]) -> int:
        """Issue a batch's draw calls under the current scissor; how many were issued."""
        calls = 0
        opaque = counts.pop(OPAQUE, 0)
        if opaque:
            self.ctx.disable(moderngl.BLEND)
            self._draw(_opaque_key(key), "panel", "panel_fill", opaque, batch.transform)
            self.ctx.enable(moderngl.BLEND)
            calls += 1
        if batch.kind == "image":
            self._image_textures[batch.slot][0].use(location=IMAGE_UNIT)
        for program, count in counts.items():
            if count:
                self._draw(key, batch.kind, program, count, batch.transform)
                calls += 1
        return calls

    def picture(
        self,
        layers: list[tuple[DrawList, LayerTransform]],
        size: tuple[int, int],
        scale: int = 1,
        clear: Color | None = None,
    ) -> np.ndarray:
        """``layers`` laid out for a window of ``size`` drawn offscreen at ``scale``× its
        pixels: an ``(h·scale, w·scale, 4)`` image, top row first (pictures for print).

        The framebuffer lives only for this call, so no window's drawable changes; the
        frame's statistics (which pace the idle loop) are left as the window's last frame
        set them.
        """
        w, h = size[0] * scale, size[1] * scale
        colour = self.ctx.texture((w, h), 4)
        framebuffer = self.ctx.framebuffer(color_attachments=[colour])
        kept = self.stats
        try:
            scaled = [(dl, t.at_resolution(scale)) for dl, t in layers]
            self.render(framebuffer, scaled, clear=clear)
            return read_pixels(framebuffer)
        finally:
            self.stats = kept
            release(self.ctx, framebuffer, colour)

    def _opaque_interiors(self, key: Hashable,
                          panels: np.ndarray) -> tuple[np.ndarray, int, int]:  # fmt: skip
        """Opaque panels' inner boxes are filled with blending off: one plain draw, which
        llvmpipe runs without reading the framebuffer (cheaper than blending, and than
        scissored clears, each of which costs it more than the pixels it writes). Uploads
        those interiors to a buffer of their own and returns the panels reordered
        translucent-first, how many translucent ones the fill pass must still draw with
        blending, and how many interiors the plain pass draws. Panels come first in their
        draw list, so filling first keeps the drawing order.
        """
        opaque = panels[:, PANEL.index["fill.a"]] >= 1.0
        if not opaque.any():
            return panels, len(panels), 0
        inside = np.ascontiguousarray(panels[opaque])
        # A buffer of its own (a slot no layer uses), as GL 3.3 draws no instance range.
        self._upload(_opaque_key(key), "panel", inside)
        order = np.concatenate([np.flatnonzero(~opaque), np.flatnonzero(opaque)])
        return np.ascontiguousarray(panels[order]), int((~opaque).sum()), len(inside)

    def _sync_atlas(self) -> None:
        if self._atlas_version != self.atlas.version:
            self._atlas_texture.write(np.ascontiguousarray(self.atlas.image).tobytes())
            self._atlas_version = self.atlas.version
        self._atlas_texture.use(location=0)

    def _sync_images(self, slot: int, draw_list: DrawList) -> None:
        """Bind the layer's image atlas, uploading its texels only when they changed; the
        slot's texture is re-used while the atlas keeps its size (a power of two)."""
        atlas = draw_list.image_atlas()
        assert atlas is not None  # the list has an image block
        texture, key = self._image_textures.get(slot, (None, None))
        if texture is None or texture.size != (atlas.width, atlas.height):
            if texture is not None:
                release(self.ctx, texture)
            texture = self.ctx.texture((atlas.width, atlas.height), 4, dtype="f1")
            texture.filter = (moderngl.LINEAR, moderngl.LINEAR)
            texture.repeat_x = texture.repeat_y = False
            key = None
        if atlas.key is None or atlas.key != key:
            texture.write(atlas.texels.tobytes())
        self._image_textures[slot] = (texture, atlas.key)
        texture.use(location=IMAGE_UNIT)

    def _upload(self, key: Hashable, kind: str, data: np.ndarray) -> None:
        """Write a kind's instance data into its buffer of ``key`` (a layer slot, or a
        slot and region pass)."""
        self._buffer_for(key, kind, data.nbytes).write(data.tobytes())

    def _draw(
        self,
        key: Hashable,
        kind: str,
        name: str,
        count: int,
        transform: LayerTransform,
    ) -> None:
        """``count`` instances of ``key``'s buffer of ``kind`` (its vertex array holds it)."""
        vao = self._vaos[(key, kind, name)]
        # A program keeps its uniforms: write them only when the transform differs from
        # the last one it drew with (a region pass re-draws the same layers).
        uniforms = (transform.matrix.tobytes(), transform.px_per_unit)
        if self._uniforms_set.get(name) != uniforms:
            program = self._programs[name]
            program["u_transform"].write(np.ascontiguousarray(transform.matrix.T, dtype="f4"))
            # The compiler drops uniforms a program does not use, so set only those present.
            if "u_px_per_unit" in program:
                program["u_px_per_unit"].value = transform.px_per_unit
            self._uniforms_set[name] = uniforms
        vao.render(moderngl.TRIANGLE_STRIP, vertices=PROGRAMS[name].vertices, instances=count)

    def _buffer_for(self, key: Hashable, kind: str, nbytes: int) -> moderngl.Buffer:
        """A buffer per (buffer key, kind), grown by doubling, so layers never overwrite
        data a previous draw call of the same frame still reads; with one vertex array
        per program that draws the kind."""
        found = self._buffers.get((key, kind))
        if found is not None and found.size >= nbytes:
            return found
        programs = KIND_PROGRAMS[kind]
        if found is not None:
            release(self.ctx, *(self._vaos.pop((key, kind, p)) for p in programs), found)
        size = max(nbytes, STRIDES[kind] * 4 * 256)
        size = 1 << (size - 1).bit_length()
        buffer = self.ctx.buffer(reserve=size, dynamic=True)
        for name in programs:
            spec = PROGRAMS[name]
            self._vaos[(key, kind, name)] = self.ctx.vertex_array(
                self._programs[name], [(buffer, spec.buffer_format, *spec.attributes)]
            )
        self._buffers[(key, kind)] = buffer
        return buffer

    def release(self) -> None:
        """Free every GL object this renderer made."""
        release(self.ctx, *self._vaos.values(), *self._buffers.values())
        release(self.ctx, *(texture for texture, _ in self._image_textures.values()))
        self._vaos.clear()
        self._buffers.clear()
        self._image_textures.clear()
        release(self.ctx, *self._programs.values(), self._atlas_texture)


def _intersect(
    a: tuple[int, int, int, int], b: tuple[int, int, int, int]
) -> tuple[int, int, int, int] | None:
    """Two GL boxes' overlap, ``None`` when they do not overlap."""
    x0, y0 = max(a[0], b[0]), max(a[1], b[1])
    x1, y1 = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    if x1 <= x0 or y1 <= y0:
        return None
    return (x0, y0, x1 - x0, y1 - y0)


def _background_panels(regions: list[Region], clear: Color) -> np.ndarray:
    """Opaque panels in screen pixels filling each region (and a little past it: the
    scissor cuts them) with the background: drawn without blending, they clear a region
    for less than a scissored clear costs llvmpipe."""
    rows = PANEL.zeros(len(regions))
    grow = PANEL_AA_INSET_PX + 2.0
    boxes = np.array([(x, y, x + w, y + h) for x, y, w, h in regions], dtype=np.float32)
    rows[:, PANEL.index["box"]] = boxes + np.array([-grow, -grow, grow, grow], dtype=np.float32)
    rows[:, PANEL.index["fill"]] = clear  # written as given, as a clear writes it
    return rows


def _opaque_key(key: Hashable) -> Hashable:
    """The buffer key of the opaque panel interiors drawn from buffer ``key``."""
    return ("opaque", key)


def _parts_in(batch: _Batch, regions: list[Region]) -> list[_Batch | None]:
    """For each region, the batch's records whose boxes reach it (in order; ``None`` if
    none do): one array comparison for all the regions the batch's extent meets."""
    if batch.boxes is None or batch.extent is None:
        return [batch] * len(regions)
    x0, y0, x1, y1 = batch.extent
    parts: list[_Batch | None] = [None] * len(regions)
    partial = []
    for n, (x, y, w, h) in enumerate(regions):
        if x0 >= x + w or x1 <= x or y0 >= y + h or y1 <= y:
            continue
        if x0 >= x and y0 >= y and x1 <= x + w and y1 <= y + h:
            parts[n] = batch
        else:
            partial.append(n)
    if partial:
        r = np.array([regions[n] for n in partial], dtype=np.float64)
        b = batch.boxes[:, None, :]
        hits = ((b[..., 0] < r[:, 0] + r[:, 2]) & (b[..., 2] > r[:, 0])
                & (b[..., 1] < r[:, 1] + r[:, 3]) & (b[..., 3] > r[:, 1]))  # fmt: skip
        for column, n in enumerate(partial):
            hit = hits[:, column]
            if hit.all():
                parts[n] = batch
            elif hit.any():
                parts[n] = _Batch(batch.slot, batch.kind, batch.records[hit], batch.transform,
                                  batch.texture_key, draw_list=batch.draw_list)  # fmt: skip
    return parts


def _scissor(
    clip: tuple[int, int, int, int] | None, size: tuple[int, int]
) -> tuple[int, int, int, int]:
    """A y-down pixel rectangle as a GL scissor box (origin bottom-left); no clip is the
    whole drawable."""
    if clip is None:
        return (0, 0, *size)
    x, y, w, h = clip
    return (x, size[1] - y - h, max(w, 0), max(h, 0))


def check_gl_version(ctx: moderngl.Context) -> None:
    """Raise :class:`GLVersionError` naming the renderer when the context is below 3.3."""
    if ctx.version_code < 330:
        info = ctx.info
        raise GLVersionError(
            "nnviz needs OpenGL 3.3 or newer; this system offers "
            f"{info.get('GL_VERSION', '?')} from {info.get('GL_RENDERER', '?')} "
            f"({info.get('GL_VENDOR', '?')})"
        )


def drawable_size(framebuffer: moderngl.Framebuffer) -> tuple[int, int]:
    """Pixels to draw into: the framebuffer's viewport. For a texture framebuffer that is
    its size; moderngl's window framebuffer keeps the size the window had when the
    context was made, so a window keeps the viewport at its current drawable size."""
    _, _, w, h = framebuffer.viewport
    return (w, h)


def read_pixels(framebuffer: moderngl.Framebuffer) -> np.ndarray:
    """The framebuffer's colour as an ``(height, width, 4)`` uint8 array, top row first."""
    w, h = drawable_size(framebuffer)
    data = framebuffer.read(viewport=(0, 0, w, h), components=4, alignment=1)
    return np.frombuffer(data, dtype=np.uint8).reshape(h, w, 4)[::-1].copy()


def save_png(pixels: np.ndarray, path: str) -> None:
    """Write ``read_pixels`` output as an opaque PNG."""
    from PIL import Image

    Image.fromarray(pixels[:, :, :3], "RGB").save(path)
