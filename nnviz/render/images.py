"""Images in a draw list: small RGBA pictures (heat maps) and the atlas they are packed into.

A heat map drawn as one rectangle per cell cost the MLP explorer about 21,700 primitives a
frame, each shaded with a distance field, on a software rasteriser. As an image it is one
textured quad. A draw list keeps the images it was given (:class:`Image`) and packs all of
them into one atlas (:class:`ImageAtlas`), so the renderer uploads one texture per layer
and draws every image of the list in one instanced call.

The atlas is laid out from the images' *shapes* alone; its texels are built only when the
renderer has to upload them (:meth:`ImageAtlas.texels`). An image given a ``key`` promises
that equal keys mean equal pixels, so a frame whose atlas key equals the last one's uploads
nothing. Each image is padded by one texel that repeats its edge: linear filtering at the
image's border then reads its own edge, never a neighbour in the atlas (clamp-to-edge per
image). Plain numpy: no OpenGL.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from functools import cached_property
from typing import NamedTuple

import numpy as np

from nnviz.render.color import Color

__all__ = ["FULL_UV", "Image", "ImageAtlas", "premultiplied_texels"]

FULL_UV = (0.0, 0.0, 1.0, 1.0)
"""The whole image: u0 v0 u1 v1, (0, 0) at its top-left texel's corner."""
PAD = 1
"""Texels of repeated edge around each image in the atlas."""
MIN_SIDE = 64
"""The atlas is at least this many texels on each side, and a power of two, so its
texture keeps its size (and is re-used) while a scene's images change a little."""


class Image(NamedTuple):
    """One image as drawn: its box in the list's units (``(x0, y0)`` shows the ``(u0, v0)``
    corner of ``uv``), the pixels, straight-alpha RGBA ``(h, w, 4)`` (float in [0, 1] or
    uint8, row 0 at the top), a premultiplied tint, its sampling and its content key."""

    box: tuple[float, float, float, float]
    pixels: np.ndarray
    uv: tuple[float, float, float, float]
    tint: tuple[float, float, float, float]
    smooth: bool
    key: Hashable | None

    def sample(self, fx: float, fy: float) -> np.ndarray:
        """Premultiplied RGBA (float64) of the texel at fraction ``(fx, fy)`` of the box
        (0 at ``x0``/``y0``, 1 at ``x1``/``y1``), tinted: what the layout audit reads as the
        colour behind a point. Nearest texel, also for smooth images: the audit needs the
        colour near a point, not the filter's blend to the last bit."""
        u0, v0, u1, v1 = self.uv
        h, w = self.pixels.shape[:2]
        u = u0 + (u1 - u0) * min(max(fx, 0.0), 1.0)
        v = v0 + (v1 - v0) * min(max(fy, 0.0), 1.0)
        col = min(max(int(u * w), 0), w - 1)
        row = min(max(int(v * h), 0), h - 1)
        rgba = np.asarray(self.pixels[row, col], dtype=np.float64)
        if self.pixels.dtype == np.uint8:
            rgba = rgba / 255.0
        rgba[:3] *= rgba[3]
        return rgba * np.asarray(self.tint, dtype=np.float64)


def premultiplied_texels(pixels: np.ndarray) -> np.ndarray:
    """Straight RGBA ``(h, w, 4)`` (float in [0, 1] or uint8) → premultiplied uint8, the
    renderer's blending convention (rounded to the nearest level, as the framebuffer
    rounds a rectangle's float colour)."""
    rgba = np.asarray(pixels)
    if rgba.dtype == np.uint8 and bool((rgba[..., 3] == 255).all()):
        return rgba  # opaque (heat maps): premultiplying changes nothing
    f = rgba.astype(np.float32) / 255.0 if rgba.dtype == np.uint8 else rgba.astype(np.float32)
    f = np.clip(f, 0.0, 1.0)
    f[..., :3] *= f[..., 3:4]
    return np.rint(f * 255.0).astype(np.uint8)


def tint_of(color: Color) -> tuple[float, float, float, float]:
    """A straight-alpha tint colour as the premultiplied multiplier the shader applies."""
    a = color[3]
    return (color[0] * a, color[1] * a, color[2] * a, a)


def _shelf_pack(sizes: Sequence[tuple[int, int]]) -> tuple[np.ndarray, int, int]:
    """Origins ``(n, 2)`` (x, y) of padded boxes of ``sizes`` (w, h) on shelves, tallest
    first, and the atlas's power-of-two width and height."""
    padded = [(w + 2 * PAD, h + 2 * PAD) for w, h in sizes]
    area = sum(w * h for w, h in padded)
    side = max(MIN_SIDE, max(w for w, _ in padded), int(np.ceil(np.sqrt(area))))
    width = 1 << (side - 1).bit_length()
    origins = np.zeros((len(padded), 2), dtype=np.int64)
    x = y = shelf = 0
    for i in sorted(range(len(padded)), key=lambda i: -padded[i][1]):
        w, h = padded[i]
        if x + w > width:
            x, y, shelf = 0, y + shelf, 0
        origins[i] = (x, y)
        x += w
        shelf = max(shelf, h)
    height = max(MIN_SIDE, 1 << (y + shelf - 1).bit_length())
    return origins, width, height


class ImageAtlas:
    """The images of one draw list packed into one texture's worth of texels.

    Images with the same key share one place (a map drawn twice is packed once). ``uvs``
    gives each image's uv rectangle in the atlas, in the order the images were added.
    """

    def __init__(self, images: Sequence[Image]) -> None:
        slots: dict[Hashable, int] = {}
        self._sources: list[np.ndarray] = []
        which = np.empty(len(images), dtype=np.int64)
        keys: list[Hashable] = []
        for n, image in enumerate(images):
            ident = ("key", image.key) if image.key is not None else ("object", n)
            if ident not in slots:
                slots[ident] = len(self._sources)
                self._sources.append(image.pixels)
                keys.append((image.key, image.pixels.shape[:2]))
            which[n] = slots[ident]
        shapes = [(int(p.shape[1]), int(p.shape[0])) for p in self._sources]
        self.origins, self.width, self.height = _shelf_pack(shapes)
        self.key: Hashable | None = None
        """Equal for two atlases with equal texels (``None``: an image without a key,
        so the texels must be uploaded)."""
        if all(image.key is not None for image in images):
            self.key = (self.width, self.height, tuple(keys))
        inner = self.origins[which] + PAD
        sizes = np.array(shapes, dtype=np.float64).reshape(-1, 2)[which]
        uv = np.array([image.uv for image in images], dtype=np.float64).reshape(-1, 4)
        scale = np.array([self.width, self.height] * 2, dtype=np.float64)
        self.uvs = (np.tile(inner, 2) + uv * np.tile(sizes, 2)) / scale
        """``(n, 4)`` u0 v0 u1 v1 of each image in the atlas (v grows downwards, row 0 of
        the texels first)."""

    @cached_property
    def texels(self) -> np.ndarray:
        """``(height, width, 4)`` premultiplied uint8, each image with its edge repeated
        once around it."""
        out = np.zeros((self.height, self.width, 4), dtype=np.uint8)
        for (x, y), pixels in zip(self.origins.tolist(), self._sources, strict=True):
            texels = premultiplied_texels(pixels)
            h, w = texels.shape[:2]
            box = out[y : y + h + 2 * PAD, x : x + w + 2 * PAD]
            box[PAD : PAD + h, PAD : PAD + w] = texels
            box[:PAD, PAD : PAD + w] = texels[:1]  # edges repeated outwards
            box[PAD + h :, PAD : PAD + w] = texels[-1:]
            box[:, :PAD] = box[:, PAD : PAD + 1]
            box[:, PAD + w :] = box[:, PAD + w - 1 : PAD + w]
        return out
